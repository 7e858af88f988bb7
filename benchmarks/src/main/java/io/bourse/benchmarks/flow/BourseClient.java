package io.bourse.benchmarks.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/** The REST calls the benchmark makes, over one HTTP/1.1 client. No authentication yet: the services ask for none. */
final class BourseClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Asked for on every list; the contract allows up to this many per page. */
    private static final int PAGE_LIMIT = 1000;
    private static final int MAX_PAGES = 200;
    /** A bare array this long that never reached older items may have been cut short by the server. */
    private static final int CUT_SUSPECT = 100;

    /** The items of a list, and whether the server may have left some out without saying so. */
    record Listing(List<JsonNode> items, boolean possiblyCut) {
    }

    static final class UnexpectedAnswer extends IOException {
        final int status;

        UnexpectedAnswer(HttpRequest request, int status, String body) {
            super(request.method() + " " + request.uri() + " answered " + status + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
            this.status = status;
        }
    }

    private final URI order;
    private final URI portfolio;
    private final URI settlement;
    private final Duration requestTimeout;
    private final ExecutorService executor;
    private final HttpClient http;

    BourseClient(URI order, URI portfolio, URI settlement, int threads, Duration requestTimeout) {
        this.order = order;
        this.portfolio = portfolio;
        this.settlement = settlement;
        this.requestTimeout = requestTimeout;
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "flow-http");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(executor)
                .build();
    }

    URI order() {
        return order;
    }

    URI portfolio() {
        return portfolio;
    }

    URI settlement() {
        return settlement;
    }

    // Setup

    boolean healthy(URI service) {
        try {
            return http.send(HttpRequest.newBuilder(service.resolve("/actuator/health")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void listInstrument(String symbol) throws IOException, InterruptedException {
        expect(post(order.resolve("/api/v1/instruments"),
                "{\"symbol\":\"" + symbol + "\",\"tickSize\":\"0.01\"}"), 201);
    }

    String openAccount(String owner) throws IOException, InterruptedException {
        return expect(post(portfolio.resolve("/api/v1/accounts"), "{\"owner\":\"" + owner + "\"}"), 201)
                .path("accountId").asText();
    }

    void deposit(String accountId, String asset, String amount) throws IOException, InterruptedException {
        expect(post(portfolio.resolve("/api/v1/accounts/" + accountId + "/deposits"),
                "{\"asset\":\"" + asset + "\",\"amount\":\"" + amount + "\"}"), 202);
    }

    Optional<JsonNode> account(String accountId) throws IOException, InterruptedException {
        return find(portfolio.resolve("/api/v1/accounts/" + accountId));
    }

    // The open loop

    HttpRequest placement(String body) {
        return HttpRequest.newBuilder(order.resolve("/api/v1/orders"))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    HttpRequest cancellation(String orderId) {
        return HttpRequest.newBuilder(order.resolve("/api/v1/orders/" + orderId)).timeout(requestTimeout).DELETE()
                .build();
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    // Reads after the run

    Listing ordersOf(String accountId, Predicate<JsonNode> older) throws IOException, InterruptedException {
        return list(order.resolve("/api/v1/orders?accountId=" + encode(accountId) + "&limit=" + PAGE_LIMIT), older);
    }

    Optional<JsonNode> order(String orderId) throws IOException, InterruptedException {
        return find(order.resolve("/api/v1/orders/" + orderId));
    }

    Listing tradesOf(String accountId, Predicate<JsonNode> older) throws IOException, InterruptedException {
        return list(order.resolve("/api/v1/trades?accountId=" + encode(accountId) + "&limit=" + PAGE_LIMIT), older);
    }

    List<JsonNode> tradesOfOrder(String orderId) throws IOException, InterruptedException {
        return list(order.resolve("/api/v1/trades?orderId=" + encode(orderId) + "&limit=" + PAGE_LIMIT), item -> false)
                .items();
    }

    Listing settlementsOf(String accountId, Predicate<JsonNode> older) throws IOException, InterruptedException {
        return list(settlement.resolve("/api/v1/settlements?accountId=" + encode(accountId) + "&limit=" + PAGE_LIMIT),
                older);
    }

    Optional<JsonNode> settlement(String tradeId) throws IOException, InterruptedException {
        return find(settlement.resolve("/api/v1/settlements/" + encode(tradeId)));
    }

    /** Newest first, page after page, until the items reach what the caller calls older. */
    private Listing list(URI first, Predicate<JsonNode> older) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        URI next = first;
        boolean reachedOlder = false;
        boolean bare = false;
        for (int page = 0; next != null && page < MAX_PAGES && !reachedOlder; page++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(next).timeout(requestTimeout).GET().build());
            if (response.statusCode() != 200) {
                throw new UnexpectedAnswer(response.request(), response.statusCode(), response.body());
            }
            Pages.Page read = Pages.read(next, JSON.readTree(response.body()),
                    response.headers().firstValue("Link"));
            bare = read.bareArray();
            for (JsonNode item : read.items()) {
                if (older.test(item)) {
                    reachedOlder = true;
                } else {
                    items.add(item);
                }
            }
            next = read.next().orElse(null);
        }
        return new Listing(items, bare && !reachedOlder && items.size() >= CUT_SUSPECT);
    }

    private Optional<JsonNode> find(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new UnexpectedAnswer(response.request(), response.statusCode(), response.body());
        }
        return Optional.of(JSON.readTree(response.body()));
    }

    private HttpResponse<String> post(URI uri, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(HttpResponse<String> response, int status) throws IOException {
        if (response.statusCode() != status) {
            throw new UnexpectedAnswer(response.request(), response.statusCode(), response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
