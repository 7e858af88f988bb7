package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** What a trading client does through the REST API, in the words of the tests. */
final class Trading {

    private final Http orders;
    private final Http portfolios;

    Trading(BourseStack stack) {
        this.orders = new Http(BourseStack.baseUrl(stack.order()));
        this.portfolios = new Http(BourseStack.baseUrl(stack.portfolio()));
    }

    Http orders() {
        return orders;
    }

    Http portfolios() {
        return portfolios;
    }

    static String newSymbol() {
        return "S" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', 'X');
    }

    String openAccount(String owner, String asset, String amount) {
        Http.Response opened = portfolios.post("/api/v1/accounts", "{\"owner\":\"" + owner + "\"}");
        assertThat(opened.status()).isEqualTo(201);
        String accountId = opened.text("accountId");
        if (asset != null) {
            deposit(accountId, asset, amount);
        }
        return accountId;
    }

    void deposit(String accountId, String asset, String amount) {
        Http.Response deposit = portfolios.post("/api/v1/accounts/" + accountId + "/deposits",
                "{\"asset\":\"" + asset + "\",\"amount\":\"" + amount + "\"}");
        assertThat(deposit.status()).isEqualTo(202);
    }

    void list(String symbol) {
        Http.Response listed = orders.post("/api/v1/instruments",
                "{\"symbol\":\"" + symbol + "\",\"tickSize\":\"0.01\"}");
        assertThat(listed.status()).isEqualTo(201);
    }

    String place(String accountId, String symbol, String side, String type, String timeInForce, long quantity,
                 String price) {
        String limit = price == null ? "" : ",\"limitPrice\":\"" + price + "\"";
        Http.Response placed = orders.post("/api/v1/orders", """
                {"accountId":"%s","symbol":"%s","side":"%s","type":"%s","timeInForce":"%s","quantity":%d%s}
                """.formatted(accountId, symbol, side, type, timeInForce, quantity, limit));
        assertThat(placed.status()).isEqualTo(202);
        return placed.text("orderId");
    }

    String limit(String accountId, String symbol, String side, long quantity, String price) {
        return place(accountId, symbol, side, "LIMIT", "GTC", quantity, price);
    }

    JsonNode order(String orderId) {
        return orders.get("/api/v1/orders/" + orderId).body();
    }

    JsonNode awaitStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(order(orderId).path("status").asText()));
        return order(orderId);
    }

    /** An order that is no longer NEW: its funds were answered for. */
    JsonNode awaitDecided(String orderId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !"NEW".equals(order(orderId).path("status").asText()));
        return order(orderId);
    }

    /** asset -> {total, available, reserved} of an account as the read model shows it. */
    Map<String, Map<String, BigDecimal>> balances(String accountId) {
        Map<String, Map<String, BigDecimal>> balances = new HashMap<>();
        for (JsonNode balance : portfolios.get("/api/v1/accounts/" + accountId).body().path("balances")) {
            balances.put(balance.path("asset").asText(), Map.of(
                    "total", new BigDecimal(balance.path("total").asText()),
                    "available", new BigDecimal(balance.path("available").asText()),
                    "reserved", new BigDecimal(balance.path("reserved").asText())));
        }
        return balances;
    }

    Map<String, BigDecimal> balance(String accountId, String asset) {
        return balances(accountId).getOrDefault(asset, Map.of());
    }
}
