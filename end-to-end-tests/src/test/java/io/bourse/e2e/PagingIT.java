package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every list answers in pages, as the contract says: at most {@code limit} items, newest first, and a
 * {@code Link: rel="next"} to the rest while there is more. Following the links yields every item exactly once;
 * nothing is ever cut silently.
 */
class PagingIT {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    static BourseStack stack;
    static Trading trading;
    static String symbol;
    static String alice;
    static List<String> restingOrders = new ArrayList<>();
    static String sweep;

    @BeforeAll
    static void start() {
        stack = new BourseStack();
        trading = new Trading(stack);
        symbol = Trading.newSymbol();
        trading.list(symbol);
        alice = trading.openAccount("alice", "USD", "100000.00");
        String bob = trading.openAccount("bob", symbol, "100");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                trading.balance(alice, "USD").getOrDefault("available", BigDecimal.ZERO).signum() > 0
                        && trading.balance(bob, symbol).getOrDefault("available", BigDecimal.ZERO).signum() > 0);
        for (int i = 0; i < 5; i++) {
            String order = trading.limit(alice, symbol, "BUY", 1, (50 + i) + ".00");
            trading.awaitStatus(order, "OPEN");
            restingOrders.add(0, order);
        }
        // Three asks taken by one buy: three trades of one execution, at the same time.
        for (int i = 0; i < 3; i++) {
            trading.awaitStatus(trading.limit(bob, symbol, "SELL", 1, "100.00"), "OPEN");
        }
        sweep = trading.limit(alice, symbol, "BUY", 3, "100.00");
        trading.awaitStatus(sweep, "FILLED");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** Follows the next links from {@code path}; every page within its limit, every item once. */
    private static List<JsonNode> everyPage(Http caller, String path, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String next = path + (path.contains("?") ? "&" : "?") + "limit=" + limit;
        int pages = 0;
        while (next != null) {
            Http.Response page = caller.get(next);
            assertThat(page.status()).as(next).isEqualTo(200);
            assertThat(page.body().size()).isBetween(1, limit);
            page.body().forEach(items::add);
            Matcher link = NEXT.matcher(page.headers().firstValue("Link").orElse(""));
            next = link.find() ? link.group(1).replaceFirst("^https?://[^/]+", "") : null;
            assertThat(++pages).isLessThan(50);
        }
        return items;
    }

    @Test
    void anAccountsOrdersComeInPagesNewestFirstEachOnce() {
        Http orders = trading.orders().as("alice");
        List<String> all = everyPage(orders, "/api/v1/orders?accountId=" + alice, 2).stream()
                .map(order -> order.path("orderId").asText()).toList();

        List<String> expected = new ArrayList<>(List.of(sweep));
        expected.addAll(restingOrders);
        assertThat(all).containsExactlyElementsOf(expected);
        Http.Response whole = orders.get("/api/v1/orders?accountId=" + alice);
        assertThat(whole.body()).hasSize(6);
        assertThat(whole.headers().firstValue("Link")).isEmpty();
    }

    @Test
    void tradesOfOneExecutionArePagedWithoutRepeatsOrGaps() {
        List<String> ofTheSweep = everyPage(trading.orders().as("alice"), "/api/v1/trades?orderId=" + sweep, 1)
                .stream().map(trade -> trade.path("tradeId").asText()).toList();
        List<String> tape = everyPage(trading.orders().as("bob"), "/api/v1/trades?symbol=" + symbol, 2).stream()
                .map(trade -> trade.path("tradeId").asText()).toList();

        assertThat(ofTheSweep).hasSize(3).doesNotHaveDuplicates();
        assertThat(tape).containsExactlyElementsOf(ofTheSweep);
    }

    @Test
    void settlementsArePagedToo() {
        await().atMost(Duration.ofSeconds(60)).until(() -> trading.orders().as("alice")
                .get("/api/v1/trades?orderId=" + sweep).body().size() == 3);
        Http settlements = stack.http(stack.settlement()).as("alice");
        await().atMost(Duration.ofSeconds(60)).until(() ->
                settlements.get("/api/v1/settlements?accountId=" + alice).body().size() == 3);

        List<JsonNode> pages = everyPage(settlements, "/api/v1/settlements?accountId=" + alice, 2);
        assertThat(pages).extracting(settlement -> settlement.path("tradeId").asText()).hasSize(3)
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=ten", "cursor=not-one-of-ours%21",
            "cursor=YQ"})
    void aPageOutsideTheRulesIs400(String query) {
        Http.Response refused = trading.orders().as("alice").get("/api/v1/orders?accountId=" + alice + "&" + query);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theLargestPageIsAThousand() {
        Http.Response largest = trading.orders().as("alice").get("/api/v1/orders?accountId=" + alice + "&limit=1000");

        assertThat(largest.status()).isEqualTo(200);
        assertThat(largest.body()).hasSize(6);
    }
}
