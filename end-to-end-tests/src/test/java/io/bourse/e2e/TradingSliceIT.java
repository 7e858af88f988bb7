package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.events.Actor;
import io.bourse.events.portfolio.ReserveFunds;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first slice of a trade across all three services, over Kafka, on PostgreSQL, driven through the REST API:
 * open an account, fund it, list an instrument, place an order that rests with its funds reserved.
 */
class TradingSliceIT {

    static BourseStack stack;
    static Http orders;
    static Http portfolios;
    static Http settlements;
    /** Accounts by id to their owners' clients: each account is traded and read with its owner's token. */
    static final Map<String, String> owners = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        stack = new BourseStack();
        orders = stack.http(stack.order());
        portfolios = stack.http(stack.portfolio());
        settlements = stack.http(stack.settlement());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static String symbol() {
        return "S" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', 'X');
    }

    private static String openAccount(String owner, String asset, String amount) {
        Http.Response opened = portfolios.as(owner).post("/api/v1/accounts", "{\"owner\":\"" + owner + "\"}");
        assertThat(opened.status()).isEqualTo(201);
        String accountId = opened.text("accountId");
        owners.put(accountId, owner);
        assertThat(opened.location()).endsWith("/api/v1/accounts/" + accountId);
        if (asset != null) {
            Http.Response deposit = portfolios.post("/api/v1/accounts/" + accountId + "/deposits",
                    "{\"asset\":\"" + asset + "\",\"amount\":\"" + amount + "\"}");
            assertThat(deposit.status()).isEqualTo(202);
            assertThat(deposit.text("transactionId")).isNotBlank();
        }
        return accountId;
    }

    private static void list(String symbol) {
        Http.Response listed = orders.post("/api/v1/instruments", "{\"symbol\":\"" + symbol + "\",\"tickSize\":\"0.01\"}");
        assertThat(listed.status()).isEqualTo(201);
    }

    private static String place(String accountId, String symbol, String side, long quantity, String price) {
        Http.Response placed = orders.as(owners.getOrDefault(accountId, "admin")).post("/api/v1/orders", """
                {"accountId":"%s","symbol":"%s","side":"%s","type":"LIMIT","timeInForce":"GTC","quantity":%d,"limitPrice":"%s"}
                """.formatted(accountId, symbol, side, quantity, price));
        assertThat(placed.status()).isEqualTo(202);
        assertThat(placed.location()).endsWith("/api/v1/orders/" + placed.text("orderId"));
        return placed.text("orderId");
    }

    private static Http.Response awaitOrderStatus(String orderId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(orders.get("/api/v1/orders/" + orderId).text("status")));
        return orders.get("/api/v1/orders/" + orderId);
    }

    /** total, available and reserved of one asset, once the read model shows them. */
    private static Map<String, String> balance(String accountId, String asset) {
        var balances = portfolios.as(owners.get(accountId)).get("/api/v1/accounts/" + accountId).body()
                .path("balances");
        for (var balance : balances) {
            if (balance.path("asset").asText().equals(asset)) {
                return Map.of("total", balance.path("total").asText(), "available", balance.path("available").asText(),
                        "reserved", balance.path("reserved").asText());
            }
        }
        return Map.of();
    }

    @Test
    void aFundedBuyOrderRestsOnTheBookWithItsCashReserved() {
        String symbol = symbol();
        list(symbol);
        String alice = openAccount("alice", "USD", "10000.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> "10000.00".equals(balance(alice, "USD").get("available")));

        String orderId = place(alice, symbol, "BUY", 10, "101.25");

        Http.Response order = awaitOrderStatus(orderId, "OPEN");
        assertThat(order.text("accountId")).isEqualTo(alice);
        assertThat(order.text("limitPrice")).isEqualTo("101.25");
        assertThat(order.body().path("quantity").asLong()).isEqualTo(10);
        assertThat(order.body().path("filledQuantity").asLong()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(alice, "USD").equals(
                Map.of("total", "10000.00", "available", "8987.50", "reserved", "1012.50")));
        var book = orders.get("/api/v1/order-books/" + symbol).body();
        assertThat(book.path("bids").get(0).path("price").asText()).isEqualTo("101.25");
        assertThat(book.path("bids").get(0).path("quantity").asLong()).isEqualTo(10);
        assertThat(book.path("bids").get(0).path("orderCount").asInt()).isEqualTo(1);
        assertThat(book.path("asks")).isEmpty();
    }

    @Test
    void aSellOrderReservesUnitsAndRestsOnTheAskSide() {
        String symbol = symbol();
        list(symbol);
        String bob = openAccount("bob", symbol, "50");

        String orderId = place(bob, symbol, "SELL", 20, "99.50");

        awaitOrderStatus(orderId, "OPEN");
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(bob, symbol).equals(
                Map.of("total", "50", "available", "30", "reserved", "20")));
        var ask = orders.get("/api/v1/order-books/" + symbol).body().path("asks").get(0);
        assertThat(ask.path("price").asText()).isEqualTo("99.50");
        assertThat(ask.path("quantity").asLong()).isEqualTo(20);
    }

    @Test
    void anOrderBeyondTheCashAvailableIsRejectedAndHoldsNothing() {
        String symbol = symbol();
        list(symbol);
        String carol = openAccount("carol", "USD", "100.00");

        String orderId = place(carol, symbol, "BUY", 10, "101.25");

        Http.Response order = awaitOrderStatus(orderId, "REJECTED");
        assertThat(order.text("rejectReason")).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(balance(carol, "USD")).isEqualTo(Map.of("total", "100.00", "available", "100.00", "reserved", "0.00"));
        assertThat(orders.get("/api/v1/order-books/" + symbol).body().path("bids")).isEmpty();
    }

    @Test
    void anOrderForAnUnlistedSymbolIsRejected() {
        String dave = openAccount(Trading.trader(0), "USD", "1000.00");

        String orderId = place(dave, "UNLISTED", "BUY", 1, "1.00");

        assertThat(awaitOrderStatus(orderId, "REJECTED").text("rejectReason")).isEqualTo("UNKNOWN_INSTRUMENT");
    }

    @Test
    void anOrderOfAnAccountThatDoesNotExistIsRejected() {
        String symbol = symbol();
        list(symbol);

        String orderId = place("no-such-account", symbol, "BUY", 1, "1.00");

        assertThat(awaitOrderStatus(orderId, "REJECTED").text("rejectReason")).isEqualTo("UNKNOWN_ACCOUNT");
    }

    @Test
    void repeatingARequestWithTheSameIdempotencyKeyReturnsTheFirstAnswer() {
        String symbol = symbol();
        list(symbol);
        String erin = openAccount(Trading.trader(1), "USD", "1000.00");
        String body = """
                {"accountId":"%s","symbol":"%s","side":"BUY","type":"LIMIT","timeInForce":"GTC","quantity":1,"limitPrice":"10.00"}
                """.formatted(erin, symbol);

        Http owner = orders.as(owners.get(erin));
        Http.Response first = owner.post("/api/v1/orders", body, Map.of("Idempotency-Key", "k-1"));
        Http.Response repeat = owner.post("/api/v1/orders", body, Map.of("Idempotency-Key", "k-1"));
        Http.Response otherBody = owner.post("/api/v1/orders", body.replace("\"quantity\":1", "\"quantity\":2"),
                Map.of("Idempotency-Key", "k-1"));

        assertThat(repeat.text("orderId")).isEqualTo(first.text("orderId"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.contentType()).startsWith("application/problem+json");
        awaitOrderStatus(first.text("orderId"), "OPEN");
        // Once the order has moved on, a repeat still gets the first answer, as the contract promises.
        Http.Response later = owner.post("/api/v1/orders", body, Map.of("Idempotency-Key", "k-1"));
        assertThat(later.status()).isEqualTo(first.status());
        assertThat(later.body()).isEqualTo(first.body());
        assertThat(first.text("status")).isEqualTo("NEW");
        assertThat(orders.get("/api/v1/orders?accountId=" + erin).body()).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "10.00".equals(balance(erin, "USD").get("reserved")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"symbol\":\"%s\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1,\"limitPrice\":\"1.00\"}",
            "{\"accountId\":\"%s\",\"symbol\":\"ACME\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":0,\"limitPrice\":\"1.00\"}",
            "{\"accountId\":\"%s\",\"symbol\":\"ACME\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":-5,\"limitPrice\":\"1.00\"}",
            "{\"accountId\":\"%s\",\"symbol\":\"ACME\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1,\"limitPrice\":\"-1.00\"}",
            "{\"accountId\":\"%s\",\"symbol\":\"ACME\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1,\"limitPrice\":\"0\"}",
            "{\"accountId\":\"%s\",\"symbol\":\"ACME\",\"side\":\"HOLD\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1,\"limitPrice\":\"1.00\"}",
            "{\"accountId\":\"%s\",\"symbol\":\"ACME\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":\"ten\",\"limitPrice\":\"1.00\"}",
            "{\"accountId\":\"%s\",\"symbol\":\"ACME\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1.5,\"limitPrice\":\"1.00\"}",
            "{\"accountId\":\"%s\",\"symbol\":\"ACME\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1,\"limitPrice\":\"1.00\",\"leverage\":10}",
            "{\"accountId\":\"%s\",\"symbol\":\"ACME\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1}",
            "not json at all %s"})
    void badInputIsAProblemResponseAndStoresNothing(String template) {
        String frank = openAccount(Trading.trader(2), null, null);

        Http.Response response = orders.as(owners.get(frank)).post("/api/v1/orders", template.formatted(frank));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("type").asText()).isNotBlank();
        assertThat(response.body().path("title").asText()).isNotBlank();
        assertThat(response.body().path("status").asInt()).isEqualTo(400);
        assertThat(response.body().path("detail").asText()).isNotBlank()
                .as("names fields as the client wrote them, never the service's Java types")
                .doesNotContain("io.bourse", "java.", "tools.jackson", "`");
        assertThat(orders.get("/api/v1/orders?accountId=" + frank).body()).isEmpty();
    }

    @Test
    void aValueOfTheWrongKindNamesTheFieldAndWhatItTakes() {
        String frank = openAccount(Trading.trader(5), null, null);
        Http.Response response = orders.as(owners.get(frank)).post("/api/v1/orders", ("{\"accountId\":\"%s\","
                + "\"symbol\":\"ACME\",\"side\":\"HOLD\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\","
                + "\"quantity\":1,\"limitPrice\":\"1.00\"}").formatted(frank));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo("side");
        assertThat(response.body().path("errors").get(0).path("message").asText()).isEqualTo("must be one of BUY, SELL");
    }

    @Test
    void validationProblemsNameTheFields() {
        Http.Response response = orders.post("/api/v1/orders",
                "{\"accountId\":\"a\",\"symbol\":\"ACME\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\","
                        + "\"quantity\":0,\"limitPrice\":\"-1\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").findValuesAsText("field")).contains("quantity", "limitPrice");
    }

    @Test
    void aWithdrawalBeyondTheAvailableCashIsRefusedAndChangesNothing() {
        String grace = openAccount(Trading.trader(3), "USD", "50.00");

        Http.Response response = portfolios.as(owners.get(grace)).post("/api/v1/accounts/" + grace + "/withdrawals",
                "{\"asset\":\"USD\",\"amount\":\"50.01\"}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        await().atMost(Duration.ofSeconds(10)).until(() -> "50.00".equals(balance(grace, "USD").get("total")));
    }

    @Test
    void aReservationDeliveredTwiceOverKafkaHoldsOnce() {
        String heidi = openAccount(Trading.trader(4), "USD", "500.00");
        CommandGateway fromOrderService = stack.order().getBean(CommandGateway.class);
        ReserveFunds reserve = new ReserveFunds(heidi, "res-" + heidi, "order-" + heidi, "USD", new BigDecimal("300.00"));

        // As the placement of the owner's order sends it: in the name of the owner.
        var command = GenericCommandMessage.asCommandMessage(reserve)
                .andMetaData(Actor.of(owners.get(heidi), List.of()).metaData());

        Object first = fromOrderService.sendAndWait(command);
        Object second = fromOrderService.sendAndWait(command);

        assertThat(first).isEqualTo("RESERVED");
        assertThat(second).isEqualTo("RESERVED");
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(heidi, "USD").equals(
                Map.of("total", "500.00", "available", "200.00", "reserved", "300.00")));
    }

    @Test
    void everyServiceIsHealthyWithItsDatabaseAndKafka() {
        for (Http service : new Http[] {orders, portfolios, settlements}) {
            var health = service.get("/actuator/health").body();
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("kafka").path("status").asText()).isEqualTo("UP");
        }
    }
}
