package io.bourse.settlement.directory;

import io.bourse.events.order.InstrumentListed;
import io.bourse.events.portfolio.AccountOpened;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The accounts and instruments settlement can settle between, learned from the other services' events over Kafka.
 * Applying an event twice changes nothing, so redelivery is harmless.
 */
@Component
@ProcessingGroup(ParticipantDirectoryProjection.GROUP)
public class ParticipantDirectoryProjection {

    public static final String GROUP = "participant-directory";

    private final JdbcTemplate jdbc;

    public ParticipantDirectoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountOpened event) {
        jdbc.update("insert into known_account (account_id, owner) values (?, ?) on conflict do nothing",
                event.accountId(), event.owner());
    }

    @EventHandler
    void on(InstrumentListed event) {
        jdbc.update("insert into known_instrument (symbol) values (?) on conflict do nothing", event.symbol());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from known_account");
        jdbc.update("delete from known_instrument");
    }

    @QueryHandler
    boolean handle(IsKnownAccount query) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from known_account where account_id = ?)", Boolean.class, query.accountId()));
    }
}
