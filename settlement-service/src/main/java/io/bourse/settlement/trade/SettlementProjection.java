package io.bourse.settlement.trade;

import io.bourse.events.settlement.SettlementFailed;
import io.bourse.events.settlement.SettlementOverdue;
import io.bourse.events.settlement.SettlementParked;
import io.bourse.events.settlement.SettlementStarted;
import io.bourse.events.settlement.TradeSettled;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The settlements table: one row per trade with its status. A settlement starts once and ends once, so the row is
 * inserted only if absent and leaves PENDING only once: a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(SettlementProjection.PROCESSING_GROUP)
public class SettlementProjection {

    public static final String PROCESSING_GROUP = "settlements";

    private final JdbcTemplate jdbc;

    public SettlementProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SettlementStarted event) {
        jdbc.update("""
                insert into settlements (trade_id, symbol, price, quantity, buy_order_id, sell_order_id,
                                         buyer_account_id, seller_account_id, status, started_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""",
                event.tradeId(), event.symbol(), event.price(), event.quantity(), event.buyOrderId(),
                event.sellOrderId(), event.buyerAccountId(), event.sellerAccountId(),
                SettlementStatus.PENDING.name(), utc(event.startedAt()));
    }

    @EventHandler
    void on(TradeSettled event) {
        jdbc.update("update settlements set status = ?, settled_at = ? where trade_id = ? and status = ?",
                SettlementStatus.SETTLED.name(), utc(event.settledAt()), event.tradeId(),
                SettlementStatus.PENDING.name());
    }

    @EventHandler
    void on(SettlementFailed event) {
        jdbc.update("""
                update settlements set status = ?, failure_reason = ?, failed_at = ?
                where trade_id = ? and status = ?""",
                SettlementStatus.FAILED.name(), event.reason(), utc(event.failedAt()), event.tradeId(),
                SettlementStatus.PENDING.name());
    }

    @EventHandler
    void on(SettlementOverdue event) {
        jdbc.update("update settlements set overdue_since = ? where trade_id = ? and overdue_since is null",
                utc(event.since()), event.tradeId());
    }

    @EventHandler
    void on(SettlementParked event) {
        jdbc.update("update settlements set parked_at = ? where trade_id = ?", utc(event.parkedAt()), event.tradeId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from settlements");
    }

    @QueryHandler
    Optional<SettlementView> handle(FindSettlement query) {
        return jdbc.query("select * from settlements where trade_id = ?", SettlementProjection::settlement,
                query.tradeId()).stream().findFirst();
    }

    @QueryHandler
    List<SettlementView> handle(FindSettlements query) {
        StringBuilder sql = new StringBuilder("select * from settlements where true");
        List<Object> args = new ArrayList<>();
        if (query.accountId() != null) {
            sql.append(" and (buyer_account_id = ? or seller_account_id = ?)");
            args.add(query.accountId());
            args.add(query.accountId());
        }
        if (query.status() != null) {
            sql.append(" and status = ?");
            args.add(query.status().name());
        }
        sql.append(" order by started_at desc, seq desc limit ").append(FindSettlements.LIMIT);
        return jdbc.query(sql.toString(), SettlementProjection::settlement, args.toArray());
    }

    private static SettlementView settlement(ResultSet rs, int row) throws SQLException {
        return new SettlementView(rs.getString("trade_id"), rs.getString("symbol"), rs.getBigDecimal("price"),
                rs.getLong("quantity"), rs.getString("buy_order_id"), rs.getString("sell_order_id"),
                rs.getString("buyer_account_id"), rs.getString("seller_account_id"),
                SettlementStatus.valueOf(rs.getString("status")), rs.getString("failure_reason"),
                instant(rs, "started_at"), instant(rs, "settled_at"), instant(rs, "failed_at"),
                instant(rs, "overdue_since"), instant(rs, "parked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
