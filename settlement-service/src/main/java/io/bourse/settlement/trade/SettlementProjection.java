package io.bourse.settlement.trade;

import io.bourse.events.settlement.SettlementFailed;
import io.bourse.events.settlement.SettlementOverdue;
import io.bourse.events.settlement.SettlementParked;
import io.bourse.events.settlement.SettlementStarted;
import io.bourse.events.settlement.TradeSettled;
import io.bourse.platform.messaging.BatchWrites;
import io.bourse.platform.operations.BusinessCounter;
import io.bourse.platform.streams.LiveStreams;
import io.bourse.platform.web.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The settlements table: one row per trade with its status. A settlement starts once and ends once, so the row is
 * inserted only if absent and leaves PENDING only once: a redelivered event changes nothing.
 * <p>
 * The handlers collect a processor batch's changes and the batch writes them at once: a settlement that starts and
 * ends within one batch is inserted as it ended, and every other change is a batched update with its guard.
 */
@Component
@ProcessingGroup(SettlementProjection.PROCESSING_GROUP)
public class SettlementProjection {

    public static final String PROCESSING_GROUP = "settlements";

    /** The stream of each account's settlements. */
    static final String STREAM = "settlements";

    private static final String SETTLED = "update settlements set status = 'SETTLED', settled_at = ?"
            + " where trade_id = ? and status = 'PENDING'";
    private static final String FAILED = "update settlements set status = 'FAILED', failure_reason = ?, failed_at = ?"
            + " where trade_id = ? and status = 'PENDING'";
    private static final String OVERDUE = "update settlements set overdue_since = ?"
            + " where trade_id = ? and overdue_since is null";
    private static final String PARKED = "update settlements set parked_at = ? where trade_id = ?";

    private final JdbcTemplate jdbc;
    private final LiveStreams live;
    private final BusinessCounter settlements;

    public SettlementProjection(JdbcTemplate jdbc, LiveStreams live, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.live = live;
        this.settlements = new BusinessCounter(registry, "bourse.settlements", "status",
                "Settlements by what happened to them: started, settled, failed, overdue, parked");
    }

    private Changes batch() {
        return BatchWrites.of(this, Changes::new, this::write);
    }

    @EventHandler
    void on(SettlementStarted event, ReplayStatus replay) {
        settlements.count("started", replay);
        batch().started.putIfAbsent(event.tradeId(), new Started(event));
    }

    @EventHandler
    void on(TradeSettled event, ReplayStatus replay) {
        settlements.count("settled", replay);
        batch().change(event.tradeId(), started -> started.settled(event.settledAt()),
                SETTLED, utc(event.settledAt()), event.tradeId());
    }

    @EventHandler
    void on(SettlementFailed event, ReplayStatus replay) {
        settlements.count("failed", replay);
        batch().change(event.tradeId(), started -> started.failed(event.reason(), event.failedAt()),
                FAILED, event.reason(), utc(event.failedAt()), event.tradeId());
    }

    @EventHandler
    void on(SettlementOverdue event, ReplayStatus replay) {
        settlements.count("overdue", replay);
        batch().change(event.tradeId(), started -> started.overdue(event.since()),
                OVERDUE, utc(event.since()), event.tradeId());
    }

    @EventHandler
    void on(SettlementParked event, ReplayStatus replay) {
        settlements.count("parked", replay);
        batch().change(event.tradeId(), started -> started.parked(event.parkedAt()),
                PARKED, utc(event.parkedAt()), event.tradeId());
    }

    /**
     * New rows first, in the order their trades started; then, by kind, the updates of every trade whose row this
     * batch did not insert: rows stored before, and rows whose start was delivered again.
     */
    private void write(Changes changes) {
        Set<String> inserted = new HashSet<>();
        if (!changes.started.isEmpty()) {
            List<Started> started = List.copyOf(changes.started.values());
            int[] counts = jdbc.batchUpdate("""
                    insert into settlements (trade_id, symbol, price, quantity, buy_order_id, sell_order_id,
                                             buyer_account_id, seller_account_id, status, failure_reason, started_at,
                                             settled_at, failed_at, overdue_since, parked_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict do nothing""",
                    started.stream().map(Started::row).toList());
            for (int i = 0; i < started.size(); i++) {
                if (counts[i] == 1) {
                    inserted.add(started.get(i).event.tradeId());
                }
            }
        }
        changes.updates.forEach((sql, updates) -> {
            List<Object[]> rows = updates.stream().filter(update -> !inserted.contains(update.tradeId()))
                    .map(Update::arguments).toList();
            if (!rows.isEmpty()) {
                jdbc.batchUpdate(sql, rows);
            }
        });
        publish(changes);
    }

    /**
     * Each settlement the batch changed, as it now stands, to the streams of its buyer and its seller that someone
     * watches; each sees the other side unnamed, as the REST reads show it.
     */
    private void publish(Changes changes) {
        LiveStreams.Publications out = live.publications();
        Set<String> watched = out.watchedKeys(STREAM);
        if (watched.isEmpty()) {
            return;
        }
        Set<String> tradeIds = new LinkedHashSet<>(changes.started.keySet());
        changes.updates.values().forEach(updates -> updates.forEach(update -> tradeIds.add(update.tradeId())));
        BatchWrites.readRows(jdbc, "select * from settlements where trade_id = any(?) order by seq", tradeIds,
                rs -> {
                    SettlementView settlement = settlement(rs, 0);
                    for (String account : List.of(settlement.buyerAccountId(), settlement.sellerAccountId())) {
                        if (watched.contains(account)) {
                            out.publish(topic(account), "settlement",
                                    SettlementResponse.of(settlement, Set.of(account)::contains));
                        }
                    }
                });
    }

    static String topic(String accountId) {
        return LiveStreams.topic(STREAM, accountId);
    }

    /** What one batch changes. */
    private static final class Changes {
        private final Map<String, Started> started = new LinkedHashMap<>();
        private final Map<String, List<Update>> updates = new LinkedHashMap<>();

        /**
         * A change to a trade's row: applied to the row of this batch if the trade started in it, and kept as an
         * update (with its guard) in case that row is not the one stored.
         */
        void change(String tradeId, Consumer<Started> inBatch, String sql, Object... arguments) {
            Started row = started.get(tradeId);
            if (row != null) {
                inBatch.accept(row);
            }
            updates.computeIfAbsent(sql, k -> new ArrayList<>()).add(new Update(tradeId, arguments));
        }
    }

    private record Update(String tradeId, Object[] arguments) {
    }

    /** A settlement started in this batch, as its later events in the batch leave it: the updates' guards apply. */
    private static final class Started {
        private final SettlementStarted event;
        private SettlementStatus status = SettlementStatus.PENDING;
        private String failureReason;
        private Instant settledAt;
        private Instant failedAt;
        private Instant overdueSince;
        private Instant parkedAt;

        Started(SettlementStarted event) {
            this.event = event;
        }

        void settled(Instant at) {
            if (status == SettlementStatus.PENDING) {
                status = SettlementStatus.SETTLED;
                settledAt = at;
            }
        }

        void failed(String reason, Instant at) {
            if (status == SettlementStatus.PENDING) {
                status = SettlementStatus.FAILED;
                failureReason = reason;
                failedAt = at;
            }
        }

        void overdue(Instant since) {
            if (overdueSince == null) {
                overdueSince = since;
            }
        }

        void parked(Instant at) {
            parkedAt = at;
        }

        Object[] row() {
            return new Object[] {event.tradeId(), event.symbol(), event.price(), event.quantity(), event.buyOrderId(),
                    event.sellOrderId(), event.buyerAccountId(), event.sellerAccountId(), status.name(),
                    failureReason, utc(event.startedAt()), utc(settledAt), utc(failedAt), utc(overdueSince),
                    utc(parkedAt)};
        }
    }

    @ResetHandler
    void reset() {
        live.endAll(STREAM, "replay", "the settlements view is being rebuilt");
        jdbc.update("delete from settlements");
    }

    @QueryHandler
    Optional<SettlementView> handle(FindSettlement query) {
        return jdbc.query("select * from settlements where trade_id = ?", SettlementProjection::settlement,
                query.tradeId()).stream().findFirst();
    }

    /** The account's latest settlements, newest first. */
    List<SettlementView> latest(String accountId, int limit) {
        List<SettlementView> rows = handle(new FindSettlements(accountId, null, PageRequest.of(limit, null)));
        return rows.subList(0, Math.min(limit, rows.size()));
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
        PageRequest page = query.page();
        if (!page.isFirst()) {
            sql.append(" and (started_at, seq) < (?, ?)");
            args.add(page.afterTime(2, 0));
            args.add(page.afterNumber(2, 1));
        }
        sql.append(" order by started_at desc, seq desc limit ?");
        args.add(page.rowsToRead());
        return jdbc.query(sql.toString(), SettlementProjection::settlement, args.toArray());
    }

    private static SettlementView settlement(ResultSet rs, int row) throws SQLException {
        return new SettlementView(rs.getString("trade_id"), rs.getString("symbol"), rs.getBigDecimal("price"),
                rs.getLong("quantity"), rs.getString("buy_order_id"), rs.getString("sell_order_id"),
                rs.getString("buyer_account_id"), rs.getString("seller_account_id"),
                SettlementStatus.valueOf(rs.getString("status")), rs.getString("failure_reason"),
                instant(rs, "started_at"), instant(rs, "settled_at"), instant(rs, "failed_at"),
                instant(rs, "overdue_since"), instant(rs, "parked_at"), rs.getLong("seq"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
