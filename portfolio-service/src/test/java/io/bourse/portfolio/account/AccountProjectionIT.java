package io.bourse.portfolio.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.events.order.Side;
import io.bourse.events.portfolio.DepositAsset;
import io.bourse.events.portfolio.FreezeAccount;
import io.bourse.events.portfolio.OpenAccount;
import io.bourse.events.portfolio.ReleaseFunds;
import io.bourse.events.portfolio.ReserveFunds;
import io.bourse.events.portfolio.ReverseTradeLeg;
import io.bourse.events.portfolio.SettleTradeLeg;
import io.bourse.platform.testing.ProcessorReplay;
import io.bourse.platform.testing.ServiceUnderTest;
import io.bourse.portfolio.PortfolioServiceApplication;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The accounts read model on the real event store and database: what a buyer and a seller see after deposits,
 * holds, settled legs, a reversed sale and a freeze; and that the model is the same when the processor reads the
 * whole history again, over the rows it wrote (every event a redelivery) and from nothing (a rebuild in one batch).
 */
class AccountProjectionIT {

    private static final String BUYER = "acc-buyer-" + UUID.randomUUID();
    private static final String SELLER = "acc-seller-" + UUID.randomUUID();

    private static ConfigurableApplicationContext service;
    private static JdbcTemplate database;

    @BeforeAll
    static void trade() {
        service = ServiceUnderTest.start(PortfolioServiceApplication.class, PortfolioServiceApplication.CONFIG_NAME,
                "portfolio", Map.of());
        database = service.getBean(JdbcTemplate.class);
        CommandGateway commands = ServiceUnderTest.adminCommands(service);

        commands.sendAndWait(new OpenAccount(BUYER, "alice"));
        commands.sendAndWait(new DepositAsset(BUYER, "tx-1", "USD", new BigDecimal("10000.00")));
        commands.sendAndWait(new ReserveFunds(BUYER, "r-buy", "r-buy", "USD", new BigDecimal("1050.00")));
        commands.sendAndWait(new SettleTradeLeg(BUYER, "T-1:BUY", "T-1", Side.BUY, "r-buy", "ACME", 10,
                new BigDecimal("100.00"), new BigDecimal("1000.00")));
        commands.sendAndWait(new ReleaseFunds(BUYER, "r-buy", new BigDecimal("50.00")));

        commands.sendAndWait(new OpenAccount(SELLER, "bob"));
        commands.sendAndWait(new DepositAsset(SELLER, "tx-1", "ACME", new BigDecimal("100")));
        commands.sendAndWait(new ReserveFunds(SELLER, "r-sell", "r-sell", "ACME", new BigDecimal("20")));
        commands.sendAndWait(new SettleTradeLeg(SELLER, "T-1:SELL", "T-1", Side.SELL, "r-sell", "ACME", 10,
                new BigDecimal("100.00"), new BigDecimal("1000.00")));
        commands.sendAndWait(new SettleTradeLeg(SELLER, "T-2:SELL", "T-2", Side.SELL, "r-sell", "ACME", 5,
                new BigDecimal("110.00"), new BigDecimal("550.00")));
        commands.sendAndWait(new ReverseTradeLeg(SELLER, "T-2:SELL", "T-2"));
        commands.sendAndWait(new FreezeAccount(SELLER, "review"));

        await().atMost(Duration.ofSeconds(30)).until(() -> database.queryForObject(
                "select count(*) from account_view where account_id = ? and frozen", Long.class, SELLER) == 1);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void showsBalancesAndPositionsAfterTrading() {
        assertThat(rows()).containsExactly(
                row(BUYER, "alice", false),
                row(BUYER, "ACME", "10", "0"),
                row(BUYER, "USD", "9000", "0"),
                row(BUYER, "position ACME", 10, "1000", "0"),
                row(SELLER, "bob", true),
                // 100 deposited, 20 held; 10 sold from the hold, 5 sold and given back to the available units
                row(SELLER, "ACME", "85", "5"),
                row(SELLER, "USD", "1000", "0"),
                // deposited units cost nothing: the sale of 10 for 1000.00 realized 1000.00, the reversed one nothing
                row(SELLER, "position ACME", 90, "0", "1000"));
    }

    @Test
    void readingTheHistoryAgainChangesNothingAndRebuildsTheSameModel() {
        List<String> live = rows();

        ProcessorReplay.replay(service, "accounts", List.of());
        assertThat(rows()).as("every event delivered again").isEqualTo(live);

        ProcessorReplay.replay(service, "accounts",
                List.of("position_sale", "position_view", "balance_view", "account_view"));
        assertThat(rows()).as("rebuilt from the events alone").isEqualTo(live);
    }

    private static List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (String account : List.of(BUYER, SELLER)) {
            rows.addAll(database.query("select owner, frozen from account_view where account_id = ?",
                    (rs, n) -> row(account, rs.getString("owner"), rs.getBoolean("frozen")), account));
            rows.addAll(database.query(
                    "select asset, available, reserved from balance_view where account_id = ? order by asset",
                    (rs, n) -> row(account, rs.getString("asset"), plain(rs.getBigDecimal("available")),
                            plain(rs.getBigDecimal("reserved"))), account));
            rows.addAll(database.query("""
                    select symbol, quantity, cost_basis, realized_pnl from position_view where account_id = ?
                    order by symbol""",
                    (rs, n) -> row(account, "position " + rs.getString("symbol"), rs.getLong("quantity"),
                            plain(rs.getBigDecimal("cost_basis")),
                            plain(rs.getBigDecimal("realized_pnl"))), account));
        }
        return rows;
    }

    /** Amounts by value: 1000.00 and 1000 are the same amount. */
    private static String plain(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    private static String row(Object... values) {
        return Arrays.stream(values).map(String::valueOf).reduce((a, b) -> a + " | " + b).orElse("");
    }
}
