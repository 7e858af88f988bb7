package io.bourse.order.query;

import io.bourse.events.order.InstrumentListed;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
@ProcessingGroup(OrderProjection.PROCESSING_GROUP)
public class InstrumentProjection {

    private final JdbcTemplate jdbc;

    public InstrumentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(InstrumentListed event) {
        // A symbol is listed once, so the first row is the only one; a redelivery finds it there.
        jdbc.update("insert into instruments (symbol, tick_size, listed_at) values (?, ?, ?) on conflict do nothing",
                event.symbol(), event.tickSize(), OffsetDateTime.ofInstant(event.listedAt(), ZoneOffset.UTC));
    }

    /** A replay lists every instrument again from the book's events. */
    @ResetHandler
    void reset() {
        jdbc.update("delete from instruments");
    }

    @QueryHandler
    List<InstrumentView> handle(ListInstruments query) {
        return jdbc.query("select symbol, tick_size, listed_at from instruments order by symbol",
                (rs, row) -> new InstrumentView(rs.getString("symbol"), rs.getBigDecimal("tick_size"),
                        rs.getObject("listed_at", OffsetDateTime.class).toInstant()));
    }
}
