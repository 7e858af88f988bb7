package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Orders that cross, trade, get cancelled and release their holds, through the REST API of the running services. */
class MatchingIT {

    static BourseStack stack;
    static Trading trading;

    @BeforeAll
    static void start() {
        stack = new BourseStack();
        trading = new Trading(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void twoAccountsCrossAndBothOrdersFillAtTheRestingPrice() {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        String seller = trading.openAccount("bob", symbol, "100");
        String buyer = trading.openAccount("alice", "USD", "10000.00");
        String sell = trading.limit(seller, symbol, "SELL", 10, "100.00");
        trading.awaitStatus(sell, "OPEN");

        String buy = trading.limit(buyer, symbol, "BUY", 10, "105.00");

        JsonNode bought = trading.awaitStatus(buy, "FILLED");
        JsonNode sold = trading.awaitStatus(sell, "FILLED");
        assertThat(bought.path("filledQuantity").asLong()).isEqualTo(10);
        assertThat(bought.path("averageFillPrice").asText()).isEqualTo("100.00");
        assertThat(sold.path("filledQuantity").asLong()).isEqualTo(10);
        JsonNode trades = trading.orders().get("/api/v1/trades?orderId=" + buy).body();
        assertThat(trades).hasSize(1);
        assertThat(trades.get(0).path("price").asText()).isEqualTo("100.00");
        assertThat(trades.get(0).path("quantity").asLong()).isEqualTo(10);
        assertThat(trades.get(0).path("buyerAccountId").asText()).isEqualTo(buyer);
        assertThat(trades.get(0).path("sellerAccountId").asText()).isEqualTo(seller);
        assertThat(trading.orders().get("/api/v1/trades?symbol=" + symbol).body()).hasSize(1);
        assertThat(trading.orders().get("/api/v1/trades?accountId=" + seller).body()).hasSize(1);
        // The buy held 1050.00; it cost 1000.00, so the price improvement went back to available.
        await().atMost(Duration.ofSeconds(10)).until(() -> trading.balance(buyer, "USD").get("available")
                .compareTo(new BigDecimal("9000.00")) == 0);
        assertThat(trading.orders().get("/api/v1/order-books/" + symbol).body().path("asks")).isEmpty();
    }

    @Test
    void aCancelledOrderLeavesTheBookAndReleasesItsHold() {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        String buyer = trading.openAccount("carol", "USD", "1000.00");
        String buy = trading.limit(buyer, symbol, "BUY", 5, "20.00");
        trading.awaitStatus(buy, "OPEN");

        Http.Response cancelled = trading.orders().delete("/api/v1/orders/" + buy);

        assertThat(cancelled.status()).isEqualTo(202);
        trading.awaitStatus(buy, "CANCELLED");
        await().atMost(Duration.ofSeconds(10)).until(() -> trading.balance(buyer, "USD").get("reserved").signum() == 0);
        assertThat(trading.orders().get("/api/v1/order-books/" + symbol).body().path("bids")).isEmpty();

        Http.Response again = trading.orders().delete("/api/v1/orders/" + buy);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(trading.orders().delete("/api/v1/orders/no-such-order").status()).isEqualTo(404);
    }

    /**
     * Several accounts trade one symbol while half of their resting orders are cancelled at the same time. However
     * fills, cancels, releases and settlements interleave, no balance goes negative, cash and units are conserved,
     * every order's filled quantity is what its trades add up to, and once the trades have settled what stays
     * reserved is exactly what the resting orders hold.
     */
    @Test
    void concurrentFillsAndCancelsNeverLeaveAHoldBehindNorABalanceBelowZero() throws Exception {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String account = trading.openAccount(Trading.trader(i), "USD", "100000.00");
            trading.deposit(account, symbol, "1000");
            accounts.add(account);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> accounts.stream()
                .allMatch(a -> trading.balance(a, symbol).getOrDefault("available", BigDecimal.ZERO).intValue() == 1000));
        Random random = new Random(42);
        List<String> placed = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String account = accounts.get(random.nextInt(accounts.size()));
            String side = random.nextBoolean() ? "BUY" : "SELL";
            String price = (95 + random.nextInt(11)) + ".00";
            long quantity = 1 + random.nextInt(10);
            boolean cancel = random.nextBoolean();
            work.add(clients.submit(() -> {
                String orderId = trading.limit(account, symbol, side, quantity, price);
                synchronized (placed) {
                    placed.add(orderId);
                }
                if (cancel) {
                    trading.awaitDecided(orderId);
                    trading.orders().delete("/api/v1/orders/" + orderId);
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        clients.shutdown();
        for (String orderId : placed) {
            trading.awaitDecided(orderId);
        }

        // Once every trade has settled, what stays reserved is exactly what the resting orders still hold.
        Http settlements = stack.http(stack.settlement());
        for (JsonNode trade : trading.orders().get("/api/v1/trades?symbol=" + symbol).body()) {
            String tradeId = trade.path("tradeId").asText();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    "SETTLED".equals(settlements.get("/api/v1/settlements/" + tradeId).text("status")));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // The public tape names no orders; the admin reads each account's trades with both sides shown.
            Map<String, JsonNode> trades = new HashMap<>();
            for (String account : accounts) {
                trading.orders().get("/api/v1/trades?accountId=" + account).body()
                        .forEach(trade -> trades.put(trade.path("tradeId").asText(), trade));
            }
            Map<String, BigDecimal> boughtFor = new HashMap<>();
            for (JsonNode trade : trades.values()) {
                BigDecimal notional = new BigDecimal(trade.path("price").asText())
                        .multiply(BigDecimal.valueOf(trade.path("quantity").asLong()));
                boughtFor.merge(trade.path("buyOrderId").asText(), notional, BigDecimal::add);
            }
            BigDecimal totalCash = BigDecimal.ZERO;
            BigDecimal totalUnits = BigDecimal.ZERO;
            for (String account : accounts) {
                Map<String, BigDecimal> cash = trading.balance(account, "USD");
                Map<String, BigDecimal> units = trading.balance(account, symbol);
                BigDecimal restingCash = BigDecimal.ZERO;
                BigDecimal restingUnits = BigDecimal.ZERO;
                for (JsonNode order : trading.orders().get("/api/v1/orders?accountId=" + account).body()) {
                    String status = order.path("status").asText();
                    if (status.equals("OPEN") || status.equals("PARTIALLY_FILLED")) {
                        BigDecimal left = BigDecimal.valueOf(order.path("quantity").asLong()
                                - order.path("filledQuantity").asLong());
                        if (order.path("side").asText().equals("BUY")) {
                            // A resting buy holds its limit times its quantity, less what its fills already paid.
                            BigDecimal held = new BigDecimal(order.path("limitPrice").asText())
                                    .multiply(BigDecimal.valueOf(order.path("quantity").asLong()))
                                    .subtract(boughtFor.getOrDefault(order.path("orderId").asText(), BigDecimal.ZERO));
                            restingCash = restingCash.add(held);
                        } else {
                            restingUnits = restingUnits.add(left);
                        }
                    }
                }
                assertThat(cash.get("available").signum()).isGreaterThanOrEqualTo(0);
                assertThat(units.get("available").signum()).isGreaterThanOrEqualTo(0);
                assertThat(cash.get("reserved")).isEqualByComparingTo(restingCash);
                assertThat(units.get("reserved")).isEqualByComparingTo(restingUnits);
                totalCash = totalCash.add(cash.get("total"));
                totalUnits = totalUnits.add(units.get("total"));
            }
            assertThat(totalCash).isEqualByComparingTo(new BigDecimal("400000.00"));
            assertThat(totalUnits).isEqualByComparingTo(new BigDecimal("4000"));
        });
        for (String orderId : placed) {
            JsonNode order = trading.order(orderId);
            long traded = 0;
            for (JsonNode trade : trading.orders().get("/api/v1/trades?orderId=" + orderId).body()) {
                traded += trade.path("quantity").asLong();
            }
            assertThat(order.path("filledQuantity").asLong()).isEqualTo(traded);
            assertThat(traded).isLessThanOrEqualTo(order.path("quantity").asLong());
        }
        JsonNode book = trading.orders().get("/api/v1/order-books/" + symbol).body();
        if (book.path("bids").size() > 0 && book.path("asks").size() > 0) {
            assertThat(new BigDecimal(book.path("bids").get(0).path("price").asText()))
                    .isLessThan(new BigDecimal(book.path("asks").get(0).path("price").asText()));
        }
    }
}
