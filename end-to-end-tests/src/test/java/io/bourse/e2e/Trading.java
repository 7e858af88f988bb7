package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What trading clients do through the REST API, in the words of the tests. Each account is opened, traded and read
 * with its owner's token; an operator's work (listing, deposits) with the admin's. {@link #orders()} and
 * {@link #portfolios()} call as the admin.
 */
final class Trading {

    static final String OPERATOR = "admin";

    private final Http orders;
    private final Http portfolios;
    private final Map<String, String> ownerOfAccount = new ConcurrentHashMap<>();
    private final Map<String, String> ownerOfOrder = new ConcurrentHashMap<>();

    Trading(BourseStack stack) {
        this.orders = stack.http(stack.order());
        this.portfolios = stack.http(stack.portfolio());
    }

    /** The trader clients the stack's issuer knows besides alice, bob and carol: trader0, trader1, ... */
    static String trader(int i) {
        if (i >= BourseStack.TRADERS) {
            throw new IllegalArgumentException("the stack knows " + BourseStack.TRADERS + " traders");
        }
        return "trader" + i;
    }

    /** The owner's client, with which the account's orders and balances are handled. */
    String ownerOf(String accountId) {
        return ownerOfAccount.getOrDefault(accountId, OPERATOR);
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
        Http.Response opened = portfolios.as(owner).post("/api/v1/accounts", "{\"owner\":\"" + owner + "\"}");
        assertThat(opened.status()).isEqualTo(201);
        String accountId = opened.text("accountId");
        ownerOfAccount.put(accountId, owner);
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
        Http.Response placed = orders.as(ownerOf(accountId)).post("/api/v1/orders", """
                {"accountId":"%s","symbol":"%s","side":"%s","type":"%s","timeInForce":"%s","quantity":%d%s}
                """.formatted(accountId, symbol, side, type, timeInForce, quantity, limit));
        assertThat(placed.status()).isEqualTo(202);
        ownerOfOrder.put(placed.text("orderId"), ownerOf(accountId));
        return placed.text("orderId");
    }

    String limit(String accountId, String symbol, String side, long quantity, String price) {
        return place(accountId, symbol, side, "LIMIT", "GTC", quantity, price);
    }

    JsonNode order(String orderId) {
        return orders.as(ownerOfOrder.getOrDefault(orderId, OPERATOR)).get("/api/v1/orders/" + orderId).body();
    }

    /** Cancels the order with its owner's token. */
    Http.Response cancel(String orderId) {
        return orders.as(ownerOfOrder.getOrDefault(orderId, OPERATOR)).delete("/api/v1/orders/" + orderId);
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
        for (JsonNode balance : account(accountId).path("balances")) {
            balances.put(balance.path("asset").asText(), Map.of(
                    "total", new BigDecimal(balance.path("total").asText()),
                    "available", new BigDecimal(balance.path("available").asText()),
                    "reserved", new BigDecimal(balance.path("reserved").asText())));
        }
        return balances;
    }

    /** The account as its owner reads it. */
    JsonNode account(String accountId) {
        return portfolios.as(ownerOf(accountId)).get("/api/v1/accounts/" + accountId).body();
    }

    Map<String, BigDecimal> balance(String accountId, String asset) {
        return balances(accountId).getOrDefault(asset, Map.of());
    }
}
