package io.bourse.settlement.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.events.order.Side;
import io.bourse.events.portfolio.TradeLegState;
import io.bourse.events.settlement.FlagSettlement;
import io.bourse.events.settlement.RecordLegOutcome;
import io.bourse.events.settlement.StartSettlement;
import io.bourse.platform.testing.ProcessorReplay;
import io.bourse.platform.testing.ServiceUnderTest;
import io.bourse.settlement.SettlementServiceApplication;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The settlements table on the real event store and database: a trade that settles, one that fails, one flagged
 * overdue and then parked; and the same table when the processor reads the whole history again, over the rows it
 * wrote (every event a redelivery, one row having fallen behind) and from nothing (a rebuild in one batch).
 */
class SettlementProjectionIT {

    private static final Instant AT = Instant.parse("2026-03-02T09:30:00Z");

    private static ConfigurableApplicationContext service;
    private static JdbcTemplate database;

    @BeforeAll
    static void settle() {
        service = ServiceUnderTest.start(SettlementServiceApplication.class, SettlementServiceApplication.CONFIG_NAME,
                "settlement", Map.of());
        database = service.getBean(JdbcTemplate.class);
        CommandGateway commands = ServiceUnderTest.adminCommands(service);

        for (String trade : List.of("T-1", "T-2", "T-3")) {
            commands.sendAndWait(new StartSettlement(trade, "ACME", new BigDecimal("100.00"), 10, trade + "-buy",
                    trade + "-sell", "alice", "bob", trade + "-buy", trade + "-sell", AT));
        }
        commands.sendAndWait(new RecordLegOutcome("T-1", Side.BUY, TradeLegState.SETTLED, null, AT.plusSeconds(1)));
        commands.sendAndWait(new RecordLegOutcome("T-1", Side.SELL, TradeLegState.SETTLED, null, AT.plusSeconds(2)));
        commands.sendAndWait(new RecordLegOutcome("T-2", Side.BUY, TradeLegState.REJECTED, "ACCOUNT_FROZEN",
                AT.plusSeconds(1)));
        commands.sendAndWait(new RecordLegOutcome("T-2", Side.SELL, TradeLegState.REVERSED, null, AT.plusSeconds(3)));
        commands.sendAndWait(new FlagSettlement("T-3", 1, false, AT.plusSeconds(30)));
        commands.sendAndWait(new FlagSettlement("T-3", 20, true, AT.plusSeconds(600)));

        await().atMost(Duration.ofSeconds(30)).until(() -> database.queryForObject(
                "select count(*) from settlements where parked_at is not null", Long.class) == 1);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void showsEachTradesOutcome() {
        assertThat(rows()).containsExactly(
                // trade | status | reason | settled | failed | overdue since | parked
                "T-1 | SETTLED | null | 2026-03-02T09:30:02Z | null | null | null",
                "T-2 | FAILED | ACCOUNT_FROZEN | null | 2026-03-02T09:30:03Z | null | null",
                "T-3 | PENDING | null | null | null | 2026-03-02T09:30:30Z | 2026-03-02T09:40:00Z");
    }

    @Test
    void readingTheHistoryAgainChangesNothingAndRebuildsTheSameTable() {
        List<String> live = rows();
        // One row behind its events, as if its last change were lost: delivering them again brings it up to date.
        database.update("update settlements set status = 'PENDING', settled_at = null where trade_id = 'T-1'");

        ProcessorReplay.replay(service, SettlementProjection.PROCESSING_GROUP, List.of());
        assertThat(rows()).as("every event delivered again").isEqualTo(live);

        ProcessorReplay.replay(service, SettlementProjection.PROCESSING_GROUP, List.of("settlements"));
        assertThat(rows()).as("rebuilt from the events alone").isEqualTo(live);
    }

    private static List<String> rows() {
        return database.query("""
                select trade_id, status, failure_reason, settled_at, failed_at, overdue_since, parked_at
                from settlements order by trade_id""",
                (rs, n) -> String.join(" | ", rs.getString("trade_id"), rs.getString("status"),
                        String.valueOf(rs.getString("failure_reason")), instant(rs, "settled_at"),
                        instant(rs, "failed_at"), instant(rs, "overdue_since"), instant(rs, "parked_at")));
    }

    private static String instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? "null" : value.toInstant().toString();
    }
}
