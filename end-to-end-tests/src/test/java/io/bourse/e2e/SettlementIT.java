package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bursts of crossing orders between several accounts, settled by the saga in settlement-service: every trade ends
 * settled, nothing is created or lost, no hold is left behind. Also when settlement-service stops mid-burst.
 */
class SettlementIT {

    private static final int ACCOUNTS = 4;
    private static final BigDecimal CASH_EACH = new BigDecimal("100000.00");
    private static final BigDecimal UNITS_EACH = new BigDecimal("1000");

    BourseStack stack;
    Trading trading;

    @BeforeEach
    void start() {
        stack = new BourseStack();
        trading = new Trading(stack);
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void everyTradeOfABurstSettlesAndCashAndUnitsAreConserved() throws Exception {
        burst(false);
    }

    @Test
    void aBurstSettlesCompletelyAlsoWhenSettlementServiceStopsMidwayAndComesBack() throws Exception {
        burst(true);
    }

    @Test
    void aTradeOfAFrozenAccountFailsAndTheOtherLegIsCompensated() {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        String buyer = trading.openAccount("alice", "USD", "1000.00");
        String seller = trading.openAccount("bob", symbol, "10");
        String buy = trading.limit(buyer, symbol, "BUY", 5, "10.00");
        trading.awaitStatus(buy, "OPEN");
        assertThat(trading.portfolios().post("/api/v1/accounts/" + buyer + "/freeze", "{\"reason\":\"review\"}").status())
                .isEqualTo(202);

        String sell = trading.limit(seller, symbol, "SELL", 5, "10.00");
        trading.awaitStatus(sell, "FILLED");
        String tradeId = trading.orders().get("/api/v1/trades?orderId=" + sell).body().get(0).path("tradeId").asText();

        Http settlements = stack.http(stack.settlement());
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "FAILED".equals(settlements.get("/api/v1/settlements/" + tradeId).text("status")));
        assertThat(settlements.get("/api/v1/settlements/" + tradeId).text("failureReason")).isEqualTo("ACCOUNT_FROZEN");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(trading.balance(seller, symbol)).containsEntry("available", new BigDecimal("10"))
                    .containsEntry("reserved", BigDecimal.ZERO);
            assertThat(trading.balance(seller, "USD").getOrDefault("total", BigDecimal.ZERO)).isZero();
            assertThat(trading.balance(buyer, "USD")).containsEntry("available", new BigDecimal("1000.00"))
                    .containsEntry("reserved", new BigDecimal("0.00"));
            assertThat(trading.balance(buyer, symbol).getOrDefault("total", BigDecimal.ZERO)).isZero();
        });
    }

    private void burst(boolean restartSettlement) throws Exception {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            String account = trading.openAccount(Trading.trader(i), "USD", CASH_EACH.toPlainString());
            trading.deposit(account, symbol, UNITS_EACH.toPlainString());
            accounts.add(account);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> accounts.stream().allMatch(a ->
                trading.balance(a, symbol).getOrDefault("available", BigDecimal.ZERO).compareTo(UNITS_EACH) == 0));

        Random random = new Random(7);
        List<String> placed = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        int orders = 160;
        List<Future<String>> work = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String account = accounts.get(random.nextInt(ACCOUNTS));
            String side = random.nextBoolean() ? "BUY" : "SELL";
            String price = (98 + random.nextInt(5)) + ".00";
            long quantity = 1 + random.nextInt(20);
            work.add(clients.submit(() -> trading.limit(account, symbol, side, quantity, price)));
            if (restartSettlement && i == orders / 3) {
                for (Future<String> f : work) {
                    placed.add(f.get());
                }
                work.clear();
                stack.stopSettlement();
            }
            if (restartSettlement && i == 2 * orders / 3) {
                stack.startSettlement();
            }
        }
        for (Future<String> f : work) {
            placed.add(f.get());
        }
        clients.shutdown();
        for (String orderId : placed) {
            trading.awaitDecided(orderId);
        }
        // End every order that still rests, so every hold must go back.
        for (String orderId : placed) {
            String status = trading.order(orderId).path("status").asText();
            if (status.equals("OPEN") || status.equals("PARTIALLY_FILLED")) {
                trading.orders().delete("/api/v1/orders/" + orderId);
            }
        }

        List<JsonNode> trades = new ArrayList<>();
        trading.orders().get("/api/v1/trades?symbol=" + symbol).body().forEach(trades::add);
        assertThat(trades).isNotEmpty();
        Http settlements = stack.http(stack.settlement());
        for (JsonNode trade : trades) {
            String tradeId = trade.path("tradeId").asText();
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    "SETTLED".equals(settlements.get("/api/v1/settlements/" + tradeId).text("status")));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            BigDecimal cash = BigDecimal.ZERO;
            BigDecimal units = BigDecimal.ZERO;
            for (String account : accounts) {
                Map<String, BigDecimal> usd = trading.balance(account, "USD");
                Map<String, BigDecimal> held = trading.balance(account, symbol);
                assertThat(usd.get("available").signum()).isGreaterThanOrEqualTo(0);
                assertThat(held.get("available").signum()).isGreaterThanOrEqualTo(0);
                assertThat(usd.get("reserved")).isZero();
                assertThat(held.get("reserved")).isZero();
                cash = cash.add(usd.get("total"));
                units = units.add(held.get("total"));
            }
            assertThat(cash).isEqualByComparingTo(CASH_EACH.multiply(BigDecimal.valueOf(ACCOUNTS)));
            assertThat(units).isEqualByComparingTo(UNITS_EACH.multiply(BigDecimal.valueOf(ACCOUNTS)));
        });
        for (String orderId : placed) {
            long traded = 0;
            for (JsonNode trade : trading.orders().get("/api/v1/trades?orderId=" + orderId).body()) {
                traded += trade.path("quantity").asLong();
            }
            assertThat(trading.order(orderId).path("filledQuantity").asLong()).isEqualTo(traded);
        }
        for (String account : accounts) {
            JsonNode position = trading.portfolios().get("/api/v1/accounts/" + account).body().path("positions").get(0);
            assertThat(position.path("symbol").asText()).isEqualTo(symbol);
            assertThat(BigDecimal.valueOf(position.path("quantity").asLong()))
                    .isEqualByComparingTo(trading.balance(account, symbol).get("total"));
        }
    }
}
