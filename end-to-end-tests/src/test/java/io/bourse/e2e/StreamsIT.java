package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The streams of docs/STREAMS.md as a program reads them, against the real stack: a snapshot, then every change in
 * the order it was committed; the private streams for their owners only; resuming with Last-Event-ID without a gap or
 * a repeat, and a fresh snapshot, said so, when that cannot be done.
 */
class StreamsIT {

    static BourseStack stack;
    static Trading trading;

    @BeforeAll
    static void start() {
        stack = new BourseStack(Map.of("bourse.streams.kept-per-topic", "4"), Map.of());
        trading = new Trading(stack);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static EventStream open(ConfigurableApplicationContext service, String path, String client,
                                    String lastEventId) {
        return EventStream.open(BourseStack.baseUrl(service) + path, stack.tokens().of(client), lastEventId);
    }

    private static ConfigurableApplicationContext orders() {
        return stack.order();
    }

    private static ConfigurableApplicationContext portfolios() {
        return stack.portfolio();
    }

    private static ConfigurableApplicationContext settlements() {
        return stack.settlement();
    }

    @Test
    void aBookStreamsItsDepthAndTheTapeItsTradesWithoutAccounts() {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        String seller = trading.openAccount("bob", symbol, "100");
        String buyer = trading.openAccount("alice", "USD", "10000.00");
        trading.awaitStatus(trading.limit(seller, symbol, "SELL", 10, "101.00"), "OPEN");

        try (EventStream book = open(orders(), "/api/v1/streams/order-books/" + symbol + "?depth=5", "carol", null);
             EventStream tape = open(orders(), "/api/v1/streams/trades?symbol=" + symbol, "carol", null)) {
            assertThat(book.status()).isEqualTo(200);
            assertThat(book.contentType()).startsWith("text/event-stream");
            EventStream.Event snapshot = book.next("snapshot");
            assertThat(snapshot.id()).isNotBlank();
            assertThat(snapshot.data().path("reason").asText()).isEqualTo("subscribed");
            assertThat(levels(snapshot.data().path("asks"))).containsExactly("101.00x10/1");
            assertThat(snapshot.data().path("bids")).isEmpty();
            EventStream.Event tapeSnapshot = tape.next("snapshot");
            assertThat(tapeSnapshot.data().path("trades")).isEmpty();

            trading.limit(buyer, symbol, "BUY", 5, "100.00");
            JsonNode resting = book.next("depth").data();
            assertThat(levels(resting.path("bids"))).containsExactly("100.00x5/1");
            assertThat(levels(resting.path("asks"))).containsExactly("101.00x10/1");

            // The incoming order may show on the book for a moment, between its acceptance and its match.
            trading.limit(buyer, symbol, "BUY", 4, "101.00");
            JsonNode traded = book.next("depth").data();
            while (!levels(traded.path("asks")).equals(List.of("101.00x6/1"))) {
                assertThat(levels(traded.path("bids"))).containsExactly("101.00x4/1", "100.00x5/1");
                traded = book.next("depth").data();
            }
            assertThat(levels(traded.path("bids"))).containsExactly("100.00x5/1");
            JsonNode trade = tape.next("trade").data();
            assertThat(trade.path("symbol").asText()).isEqualTo(symbol);
            assertThat(trade.path("price").asText()).isEqualTo("101.00");
            assertThat(trade.path("quantity").asLong()).isEqualTo(4);
            assertThat(trade.has("buyerAccountId")).isFalse();
            assertThat(trade.has("sellerAccountId")).isFalse();
            assertThat(trade.has("buyOrderId")).isFalse();
            book.assertNoEventWithin(Duration.ofMillis(500));
        }
        try (EventStream tape = open(orders(), "/api/v1/streams/trades?symbol=" + symbol, "carol", null)) {
            JsonNode snapshot = tape.next("snapshot").data();
            assertThat(snapshot.path("trades")).hasSize(1);
            assertThat(snapshot.path("trades").get(0).path("price").asText()).isEqualTo("101.00");
        }
    }

    @Test
    void anAccountsOrdersStreamGivesEachFillThenTheOrderAsItStandsAndOnlyToItsOwner() {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        String seller = trading.openAccount("bob", symbol, "100");
        String buyer = trading.openAccount("alice", "USD", "10000.00");
        String older = trading.limit(buyer, symbol, "BUY", 1, "90.00");
        trading.awaitStatus(older, "OPEN");

        try (EventStream refused = open(orders(), "/api/v1/streams/orders?accountId=" + buyer, "bob", null)) {
            assertThat(refused.status()).isEqualTo(404);
        }
        try (EventStream mine = open(orders(), "/api/v1/streams/orders?accountId=" + buyer, "alice", null)) {
            assertThat(mine.status()).isEqualTo(200);
            JsonNode snapshot = mine.next("snapshot").data();
            assertThat(snapshot.path("orders")).hasSize(1);
            assertThat(snapshot.path("orders").get(0).path("orderId").asText()).isEqualTo(older);

            String sell = trading.limit(seller, symbol, "SELL", 3, "100.00");
            trading.awaitStatus(sell, "OPEN");
            String buy = trading.limit(buyer, symbol, "BUY", 3, "100.00");
            List<String> statuses = new ArrayList<>();
            JsonNode fill = null;
            while (!statuses.contains("FILLED")) {
                EventStream.Event event = mine.next();
                if (event.name().equals("fill")) {
                    assertThat(statuses).as("the fill comes before the order it filled").doesNotContain("FILLED");
                    fill = event.data();
                } else {
                    assertThat(event.name()).isEqualTo("order");
                    assertThat(event.data().path("orderId").asText()).as(event.data().toString()).isEqualTo(buy);
                    statuses.add(event.data().path("status").asText());
                }
            }
            assertThat(statuses).startsWith("NEW").endsWith("FILLED");
            assertThat(fill).isNotNull();
            assertThat(fill.path("orderId").asText()).isEqualTo(buy);
            assertThat(fill.path("side").asText()).isEqualTo("BUY");
            assertThat(fill.path("price").asText()).isEqualTo("100.00");
            assertThat(fill.path("quantity").asLong()).isEqualTo(3);

            assertThat(trading.cancel(older).status()).isEqualTo(202);
            JsonNode cancelled = mine.next("order").data();
            assertThat(cancelled.path("orderId").asText()).isEqualTo(older);
            assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        }
    }

    @Test
    void anAccountStreamsItsBalancesAndSettlementLegsAndTheSettlementStreamItsTrades() {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        String seller = trading.openAccount("bob", symbol, "100");
        String buyer = trading.openAccount("alice", "USD", "10000.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> trading.balance(buyer, "USD").containsKey("total"));

        try (EventStream account = open(portfolios(), "/api/v1/streams/accounts/" + buyer, "alice", null);
             EventStream settled = open(settlements(), "/api/v1/streams/settlements?accountId=" + buyer, "alice",
                     null);
             EventStream refused = open(portfolios(), "/api/v1/streams/accounts/" + buyer, "bob", null)) {
            assertThat(refused.status()).isEqualTo(404);
            JsonNode snapshot = account.next("snapshot").data();
            assertThat(snapshot.path("account").path("accountId").asText()).isEqualTo(buyer);
            assertThat(balance(snapshot.path("account"), "USD")).isEqualTo("10000.00/10000.00/0.00");
            assertThat(settled.next("snapshot").data().path("settlements")).isEmpty();

            trading.awaitStatus(trading.limit(seller, symbol, "SELL", 2, "50.00"), "OPEN");
            trading.limit(buyer, symbol, "BUY", 2, "50.00");

            // The hold, then the settled leg and the account after it; a batch may bring two changes at once.
            List<String> balances = new ArrayList<>();
            JsonNode leg = null;
            JsonNode after = null;
            while (leg == null || !balances.get(balances.size() - 1).equals("9900.00/9900.00/0.00")) {
                EventStream.Event event = account.next();
                if (event.name().equals("settlement")) {
                    leg = event.data();
                } else {
                    assertThat(event.name()).isEqualTo("account");
                    after = event.data();
                    balances.add(balance(after, "USD"));
                }
            }
            assertThat(balances).isSubsetOf("10000.00/9900.00/100.00", "9900.00/9900.00/0.00")
                    .endsWith("9900.00/9900.00/0.00");
            assertThat(leg.path("status").asText()).isEqualTo("SETTLED");
            assertThat(leg.path("side").asText()).isEqualTo("BUY");
            assertThat(leg.path("quantity").asLong()).isEqualTo(2);
            assertThat(after.path("positions").get(0).path("quantity").asLong()).isEqualTo(2);

            List<String> statuses = new ArrayList<>();
            while (!statuses.contains("SETTLED")) {
                JsonNode settlement = settled.next("settlement").data();
                assertThat(settlement.path("tradeId").asText()).isEqualTo(leg.path("tradeId").asText());
                assertThat(settlement.path("buyerAccountId").asText()).isEqualTo(buyer);
                assertThat(settlement.path("sellerAccountId").isNull()
                        || settlement.path("sellerAccountId").isMissingNode()).as("the counterparty stays unnamed")
                        .isTrue();
                statuses.add(settlement.path("status").asText());
            }
            assertThat(statuses).isSubsetOf("PENDING", "SETTLED").endsWith("SETTLED");
        }
    }

    @Test
    void aClientThatReconnectsWithTheLastIdResumesWithoutGapOrRepeatOrIsToldItStartsAfresh() {
        String symbol = Trading.newSymbol();
        trading.list(symbol);
        String buyer = trading.openAccount("alice", "USD", "10000.00");
        String last;
        try (EventStream book = open(orders(), "/api/v1/streams/order-books/" + symbol, "carol", null)) {
            book.next("snapshot");
            trading.limit(buyer, symbol, "BUY", 1, "10.00");
            last = book.next("depth").id();
        }
        // While the client is away, two more changes: the book keeps them (it keeps 4 here).
        trading.awaitStatus(trading.limit(buyer, symbol, "BUY", 1, "11.00"), "OPEN");
        trading.awaitStatus(trading.limit(buyer, symbol, "BUY", 1, "12.00"), "OPEN");
        try (EventStream book = open(orders(), "/api/v1/streams/order-books/" + symbol, "carol", last)) {
            List<String> bestBids = new ArrayList<>();
            String previous = last;
            while (bestBids.isEmpty() || !bestBids.get(bestBids.size() - 1).equals("12.00")) {
                EventStream.Event event = book.next("depth");
                assertThat(event.id()).isNotEqualTo(previous);
                previous = event.id();
                bestBids.add(event.data().path("bids").get(0).path("price").asText());
            }
            assertThat(bestBids).as("no repeat of what the client had, nothing missed").containsExactly("11.00", "12.00");
            last = previous;
        }
        // Too long away: more changes than the book keeps, then a fresh snapshot that says so.
        for (int i = 0; i < 6; i++) {
            trading.awaitStatus(trading.limit(buyer, symbol, "BUY", 1, "9.0" + i), "OPEN");
        }
        try (EventStream book = open(orders(), "/api/v1/streams/order-books/" + symbol, "carol", last)) {
            JsonNode snapshot = book.next("snapshot").data();
            assertThat(snapshot.path("reason").asText()).isEqualTo("resume-unavailable");
            assertThat(snapshot.path("bids")).hasSize(9);
        }
        try (EventStream book = open(orders(), "/api/v1/streams/order-books/" + symbol, "carol", "not-an-id")) {
            assertThat(book.next("snapshot").data().path("reason").asText()).isEqualTo("resume-unavailable");
        }
    }

    @Test
    void aStreamAsksForItsParametersAndTokensLikeEveryRead() {
        try (EventStream unknown = open(orders(), "/api/v1/streams/order-books/NOSUCH", "carol", null)) {
            assertThat(unknown.status()).isEqualTo(404);
        }
        try (EventStream deep = open(orders(), "/api/v1/streams/order-books/NOSUCH?depth=0", "carol", null)) {
            assertThat(deep.status()).isEqualTo(400);
        }
        try (EventStream missing = open(orders(), "/api/v1/streams/orders", "carol", null)) {
            assertThat(missing.status()).isEqualTo(400);
        }
        try (EventStream anonymous = EventStream.open(BourseStack.baseUrl(stack.order())
                + "/api/v1/streams/trades", "not-a-token", null)) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }

    private static List<String> levels(JsonNode side) {
        List<String> levels = new ArrayList<>();
        side.forEach(level -> levels.add(level.path("price").asText() + "x" + level.path("quantity").asLong() + "/"
                + level.path("orderCount").asInt()));
        return levels;
    }

    private static String balance(JsonNode account, String asset) {
        for (JsonNode balance : account.path("balances")) {
            if (balance.path("asset").asText().equals(asset)) {
                return balance.path("total").asText() + "/" + balance.path("available").asText() + "/"
                        + balance.path("reserved").asText();
            }
        }
        return "none";
    }
}
