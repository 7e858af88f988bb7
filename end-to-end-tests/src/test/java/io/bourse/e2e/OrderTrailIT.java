package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An order's audit trail as its owner, an admin and another trader read it: every event of the order from the event
 * store, oldest first, with why it happened and who asked, and nothing of the counterparty the owner may not see.
 */
class OrderTrailIT {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    static BourseStack stack;
    static Trading trading;
    static Http orders;

    // alice's buy rests, bob's sell trades 4 of it, alice cancels the rest.
    static String symbol;
    static String alicesAccount;
    static String bobsAccount;
    static String buy;
    static String sell;

    @BeforeAll
    static void start() {
        stack = new BourseStack();
        trading = new Trading(stack);
        orders = stack.http(stack.order());
        symbol = Trading.newSymbol();
        trading.list(symbol);
        alicesAccount = trading.openAccount("alice", "USD", "10000.00");
        bobsAccount = trading.openAccount("bob", symbol, "100");

        buy = trading.limit(alicesAccount, symbol, "BUY", 10, "101.25");
        trading.awaitStatus(buy, "OPEN");
        sell = trading.limit(bobsAccount, symbol, "SELL", 4, "101.00");
        trading.awaitStatus(sell, "FILLED");
        trading.awaitStatus(buy, "PARTIALLY_FILLED");
        assertThat(trading.cancel(buy).status()).isEqualTo(202);
        trading.awaitStatus(buy, "CANCELLED");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theOwnerSeesEveryEventOfHerOrderInOrderWithItsCause() {
        List<String> types = List.of("OrderPlaced", "ReservationRequested", "OrderAccepted", "OrderRested",
                "TradeExecuted", "OrderCancelled", "ReservationReleaseDue");
        await().atMost(Duration.ofSeconds(30)).until(() -> typesOf(trail("alice", buy)).equals(types));
        List<JsonNode> events = trail("alice", buy);

        assertThat(events).extracting(event -> event.path("cause").asText()).containsExactly(
                "placed by alice",
                "hold of 1012.50 USD asked for",
                "funds reserved",
                "rests 10 at 101.25",
                "traded 4 at 101.25 against another account's order",
                "cancelled: CLIENT",
                "hold of 607.50 USD released");
        // alice placed and cancelled it; the book accepted it and traded on the portfolio's answer, which names no
        // one, and bob, whose order traded with it, is never named to her.
        assertThat(events).extracting(event -> event.path("actor").isNull() ? null : event.path("actor").asText())
                .containsExactly("alice", "alice", null, null, null, "alice", "alice");
        assertThat(events.toString()).doesNotContain("\"bob\"");
        List<Long> sequences = events.stream().map(event -> event.path("sequence").asLong()).toList();
        assertThat(sequences).isSorted().doesNotHaveDuplicates();
        List<Instant> times = events.stream().map(event -> Instant.parse(event.path("at").asText())).toList();
        assertThat(times).isSorted();

        JsonNode placed = events.get(0).path("data");
        assertThat(placed.path("orderId").asText()).isEqualTo(buy);
        assertThat(placed.path("accountId").asText()).isEqualTo(alicesAccount);
        assertThat(placed.path("limitPrice").isTextual()).isTrue();
        assertThat(placed.path("limitPrice").asText()).isEqualTo("101.25");
        assertThat(placed.path("quantity").asLong()).isEqualTo(10);

        JsonNode trade = events.get(4).path("data");
        assertThat(trade.path("price").asText()).isEqualTo("101.25");
        assertThat(trade.path("quantity").asLong()).isEqualTo(4);
        assertThat(trade.path("buyOrderId").asText()).isEqualTo(buy);
        assertThat(trade.path("buyerAccountId").asText()).isEqualTo(alicesAccount);
        assertThat(trade.path("sellOrderId").isNull()).isTrue();
        assertThat(trade.path("sellerAccountId").isNull()).isTrue();
        assertThat(trade.path("sellReservationId").isNull()).isTrue();
        assertThat(trade.toString()).doesNotContain(bobsAccount, sell);
    }

    @Test
    void anAdminSeesBothSidesOfTheTrade() {
        await().atMost(Duration.ofSeconds(30)).until(() -> trail("admin", buy).size() == 7);
        JsonNode trade = trail("admin", buy).get(4);

        assertThat(trade.path("type").asText()).isEqualTo("TradeExecuted");
        assertThat(trade.path("cause").asText()).isEqualTo("traded 4 at 101.25 against order " + sell);
        assertThat(trade.path("data").path("sellerAccountId").asText()).isEqualTo(bobsAccount);
        assertThat(trade.path("data").path("sellOrderId").asText()).isEqualTo(sell);
    }

    @Test
    void theCounterpartySeesHisOwnOrderOnlyAndNothingOfHers() {
        List<JsonNode> his = trail("bob", sell);
        assertThat(typesOf(his)).containsExactly("OrderPlaced", "ReservationRequested", "OrderAccepted",
                "TradeExecuted", "OrderFilled");
        assertThat(his.get(3).path("cause").asText()).isEqualTo("traded 4 at 101.25 against another account's order");
        assertThat(his.get(0).path("actor").asText()).isEqualTo("bob");
        assertThat(his.toString()).doesNotContain("\"alice\"", alicesAccount);
        assertThat(his.get(3).path("data").path("buyOrderId").isNull()).isTrue();
        assertThat(his.get(3).path("data").path("buyerAccountId").isNull()).isTrue();

        Http.Response hers = orders.as("bob").get("/api/v1/orders/" + buy + "/events");
        assertThat(hers.status()).isEqualTo(404);
        assertThat(hers.contentType()).startsWith("application/problem+json");
        assertThat(hers.text("type")).isEqualTo("urn:bourse:problem:order-not-found");
        // Answered exactly as an order that does not exist, and as the order itself is.
        Http.Response unknown = orders.as("bob").get("/api/v1/orders/no-such-order/events");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("type")).isEqualTo(hers.text("type"));
        assertThat(unknown.text("detail")).isEqualTo(hers.text("detail").replace(buy, "no-such-order"));
        assertThat(orders.as("bob").get("/api/v1/orders/" + buy).status()).isEqualTo(404);
    }

    @Test
    void pagesFollowedByTheirLinksGiveTheWholeTrailOnce() {
        await().atMost(Duration.ofSeconds(30)).until(() -> trail("alice", buy).size() == 7);
        List<JsonNode> paged = new ArrayList<>();
        String path = "/api/v1/orders/" + buy + "/events?limit=2";
        int pages = 0;
        while (path != null) {
            Http.Response page = orders.as("alice").get(path);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().size()).isLessThanOrEqualTo(2);
            page.body().forEach(paged::add);
            path = next(page);
            pages++;
        }

        assertThat(pages).isGreaterThanOrEqualTo(4);
        assertThat(paged).isEqualTo(trail("alice", buy));
        assertThat(orders.as("alice").get("/api/v1/orders/" + buy + "/events?limit=0").status()).isEqualTo(400);
        assertThat(orders.as("alice").get("/api/v1/orders/" + buy + "/events?cursor=%25%25").status())
                .isEqualTo(400);
    }

    @Test
    void aRejectedOrderSaysWhy() {
        String poor = trading.openAccount("carol", "USD", "10.00");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                trading.balance(poor, "USD").getOrDefault("available", java.math.BigDecimal.ZERO).signum() > 0);
        String order = trading.limit(poor, symbol, "BUY", 10, "101.25");
        trading.awaitStatus(order, "REJECTED");

        await().atMost(Duration.ofSeconds(30)).until(() -> trail("carol", order).size() == 3);
        assertThat(trail("carol", order)).extracting(event -> event.path("cause").asText())
                .containsExactly("placed by carol", "hold of 1012.50 USD asked for", "rejected: INSUFFICIENT_FUNDS");
    }

    /** The whole trail as one reader sees it, following every page. */
    private static List<JsonNode> trail(String reader, String orderId) {
        List<JsonNode> events = new ArrayList<>();
        String path = "/api/v1/orders/" + orderId + "/events";
        while (path != null) {
            Http.Response page = orders.as(reader).get(path);
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            page.body().forEach(events::add);
            path = next(page);
        }
        return events;
    }

    private static String next(Http.Response page) {
        String link = page.headers().firstValue("Link").orElse(null);
        if (link == null) {
            return null;
        }
        Matcher next = NEXT.matcher(link);
        assertThat(next.find()).as(link).isTrue();
        String url = next.group(1);
        return url.substring(url.indexOf("/api/"));
    }

    private static List<String> typesOf(List<JsonNode> events) {
        return events.stream().map(event -> event.path("type").asText()).toList();
    }
}
