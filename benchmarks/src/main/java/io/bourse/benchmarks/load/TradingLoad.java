package io.bourse.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bourse.benchmarks.auth.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Measures a running Bourse through its REST API, as clients see it:
 * <ul>
 * <li>{@code open}: POST /orders until the order reads OPEN, one order at a time;</li>
 * <li>{@code fill}: a crossing order until both orders read FILLED, one pair at a time;</li>
 * <li>{@code settle}: crossing pairs sent by several clients at once, then from each trade's execution to its
 * settlement (server timestamps), and the trades settled per second;</li>
 * <li>{@code rate}: POST /orders at a fixed rate, answer latency corrected for coordinated omission.</li>
 * </ul>
 * {@code java -cp benchmarks/target/benchmarks.jar io.bourse.benchmarks.load.TradingLoad open 100}
 * (defaults to the local stack's ports; override with -Dorder=, -Dportfolio=, -Dsettlement=, -Dissuer=).
 * Instruments and deposits go with the admin client's token, accounts and orders with one trader's (-Dtrader=,
 * alice by default): {@code rate} above the services' per-caller write limit (100/s by default) is throttled.
 */
public final class TradingLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
    private final String order = System.getProperty("order", "http://127.0.0.1:8081");
    private final String portfolio = System.getProperty("portfolio", "http://127.0.0.1:8082");
    private final String settlement = System.getProperty("settlement", "http://127.0.0.1:8083");
    private final Tokens tokens = new Tokens(URI.create(System.getProperty("issuer", "http://127.0.0.1:9000")));
    private final String trader = System.getProperty("trader", "alice");

    public static void main(String[] args) throws Exception {
        TradingLoad load = new TradingLoad();
        String mode = args.length > 0 ? args[0] : "open";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        switch (mode) {
            case "open" -> load.untilOpen(count);
            case "fill" -> load.untilFilled(count);
            case "settle" -> load.untilSettled(count, args.length > 2 ? Integer.parseInt(args[2]) : 8);
            case "rate" -> load.atRate(count, args.length > 2 ? Integer.parseInt(args[2]) : 20);
            default -> throw new IllegalArgumentException("modes: open, fill, settle, rate");
        }
        System.exit(0);
    }

    private void untilOpen(int count) throws Exception {
        String symbol = listSymbol();
        String account = openAccount("USD", "100000000.00");
        Histogram accepted = histogram();
        Histogram open = histogram();
        for (int i = 0; i < count + 10; i++) {
            long start = System.nanoTime();
            String orderId = place(account, symbol, "BUY", 1, "1.00");
            long answered = System.nanoTime();
            awaitStatus(orderId, "OPEN");
            if (i >= 10) {
                accepted.recordValue(micros(answered - start));
                open.recordValue(micros(System.nanoTime() - start));
            }
        }
        report("POST /orders answered (202)", accepted);
        report("POST /orders until the order reads OPEN", open);
    }

    private void untilFilled(int count) throws Exception {
        String symbol = listSymbol();
        String seller = openAccount(symbol, "1000000");
        String buyer = openAccount("USD", "100000000.00");
        Histogram filled = histogram();
        for (int i = 0; i < count + 10; i++) {
            String sell = place(seller, symbol, "SELL", 1, "10.00");
            awaitStatus(sell, "OPEN");
            long start = System.nanoTime();
            String buy = place(buyer, symbol, "BUY", 1, "10.00");
            awaitStatus(buy, "FILLED");
            awaitStatus(sell, "FILLED");
            if (i >= 10) {
                filled.recordValue(micros(System.nanoTime() - start));
            }
        }
        report("crossing POST /orders until both orders read FILLED", filled);
    }

    private void untilSettled(int trades, int clients) throws Exception {
        String symbol = listSymbol();
        List<String[]> pairs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            pairs.add(new String[] {openAccount(symbol, "10000000"), openAccount("USD", "1000000000.00")});
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<String>> buys = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < trades; i++) {
            String[] pair = pairs.get(i % clients);
            // Equal buys and sells at one price: whichever of a pair the book accepts second trades.
            buys.add(pool.submit(() -> {
                place(pair[0], symbol, "SELL", 1, "10.00");
                return place(pair[1], symbol, "BUY", 1, "10.00");
            }));
        }
        List<String> buyIds = new ArrayList<>();
        for (Future<String> buy : buys) {
            buyIds.add(buy.get());
        }
        double placedSeconds = (System.nanoTime() - started) / 1e9;
        Histogram settle = histogram();
        Instant firstExecuted = null;
        Instant lastSettled = null;
        for (String buy : buyIds) {
            awaitStatus(buy, "FILLED");
        }
        double filledSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d orders placed in %.1f s (%.0f orders/s); all %d buys FILLED after %.1f s%n",
                2 * trades, placedSeconds, 2 * trades / placedSeconds, trades, filledSeconds);
        for (String buy : buyIds) {
            JsonNode trade = get(order + "/api/v1/trades?orderId=" + buy).get(0);
            String tradeId = trade.path("tradeId").asText();
            JsonNode settled = awaitSettled(tradeId);
            Instant executed = Instant.parse(trade.path("executedAt").asText());
            Instant at = Instant.parse(settled.path("settledAt").asText());
            settle.recordValue(Math.max(1, Duration.between(executed, at).toNanos() / 1000));
            firstExecuted = firstExecuted == null || executed.isBefore(firstExecuted) ? executed : firstExecuted;
            lastSettled = lastSettled == null || at.isAfter(lastSettled) ? at : lastSettled;
        }
        report("trade executed until SETTLED (server clocks)", settle);
        double seconds = Duration.between(firstExecuted, lastSettled).toNanos() / 1e9;
        System.out.printf("%d trades (%d orders) placed by %d clients in %.1f s; settled from first execution to"
                        + " last settlement in %.1f s: %.0f trades settled/s%n", trades, 2 * trades, clients,
                placedSeconds, seconds, trades / seconds);
        pool.shutdown();
    }

    private void atRate(int perSecond, int seconds) throws Exception {
        String symbol = listSymbol();
        String account = openAccount("USD", "100000000000.00");
        Recorder recorder = new Recorder(3);
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        int total = perSecond * seconds;
        AtomicLong failures = new AtomicLong();
        List<java.util.concurrent.CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long intended = start + i * interval;
            while (System.nanoTime() < intended) {
                Thread.onSpinWait();
            }
            HttpRequest request = as(trader, post(order + "/api/v1/orders",
                    orderJson(account, symbol, "BUY", 1, "1.00")));
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e != null || r.statusCode() != 202) {
                    failures.incrementAndGet();
                }
                // From when the request should have left: a stalled system is not flattered by its own stall.
                recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1000));
            }));
        }
        for (var future : inFlight) {
            future.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        report(String.format("POST /orders at %d/s for %d s (%d requests, %d failed, %.0f/s achieved)", perSecond,
                seconds, total, failures.get(), total / elapsed), recorder.getIntervalHistogram());
    }

    private String listSymbol() throws Exception {
        String symbol = "L" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', 'X');
        expect(send("admin", post(order + "/api/v1/instruments",
                "{\"symbol\":\"" + symbol + "\",\"tickSize\":\"0.01\"}")), 201);
        return symbol;
    }

    private String openAccount(String asset, String amount) throws Exception {
        JsonNode account = expect(send(trader, post(portfolio + "/api/v1/accounts",
                "{\"owner\":\"" + trader + "\"}")), 201);
        String accountId = account.path("accountId").asText();
        expect(send("admin", post(portfolio + "/api/v1/accounts/" + accountId + "/deposits",
                "{\"asset\":\"" + asset + "\",\"amount\":\"" + amount + "\"}")), 202);
        // Placing before the deposit is visible to the portfolio is fine: the command bus orders them per account.
        return accountId;
    }

    private String place(String account, String symbol, String side, long quantity, String price) throws Exception {
        return expect(send(trader, post(order + "/api/v1/orders", orderJson(account, symbol, side, quantity, price))),
                202)
                .path("orderId").asText();
    }

    private static String orderJson(String account, String symbol, String side, long quantity, String price) {
        return "{\"accountId\":\"" + account + "\",\"symbol\":\"" + symbol + "\",\"side\":\"" + side
                + "\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":" + quantity + ",\"limitPrice\":\""
                + price + "\"}";
    }

    private void awaitStatus(String orderId, String status) throws Exception {
        poll(() -> status.equals(get(order + "/api/v1/orders/" + orderId).path("status").asText()), orderId);
    }

    private JsonNode awaitSettled(String tradeId) throws Exception {
        Map<String, JsonNode> last = new HashMap<>();
        poll(() -> {
            HttpResponse<String> response = send(trader, HttpRequest.newBuilder(
                    URI.create(settlement + "/api/v1/settlements/" + tradeId)).GET());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode body = JSON.readTree(response.body());
            last.put(tradeId, body);
            return "SETTLED".equals(body.path("status").asText());
        }, tradeId);
        return last.get(tradeId);
    }

    private interface Check {
        boolean done() throws Exception;
    }

    /** Every 2 ms: fine enough for latencies of tens of milliseconds, light enough not to load the service. */
    private static void poll(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = send(trader, HttpRequest.newBuilder(URI.create(url)).GET());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.nullNode();
    }

    private static HttpRequest.Builder post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest as(String caller, HttpRequest.Builder request) throws IOException, InterruptedException {
        return request.header("Authorization", tokens.bearer(caller)).build();
    }

    private HttpResponse<String> send(String caller, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return http.send(as(caller, request), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(HttpResponse<String> response, int status) throws IOException {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    }

    private static long micros(long nanos) {
        return Math.max(1, nanos / 1000);
    }

    private static void report(String what, Histogram histogram) {
        System.out.printf("%s: n=%d median %.2f ms, p99 %.2f ms, worst %.2f ms%n", what, histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0);
    }
}
