package io.bourse.benchmarks.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bourse.benchmarks.auth.Tokens;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The REST calls the benchmark makes, over one HTTP/1.1 client, each with the bearer token of the caller the services
 * expect: the admin client for operator work (instruments, deposits), and for everything on an account the trader
 * that opened it.
 */
final class BourseClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The dev client with the operator role. */
    static final String ADMIN = "admin";
    /** A 429 outside the open loop is waited out this many times at most, as a polite client would. */
    private static final int MAX_ATTEMPTS = 30;
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(10);
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
    private final Tokens tokens;
    private final ExecutorService executor;
    private final HttpClient http;
    /** Each account's owner, known from its opening: the only token the services accept for it besides admin's. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final AtomicLong throttled = new AtomicLong();

    BourseClient(URI order, URI portfolio, URI settlement, Tokens tokens, int threads, Duration requestTimeout) {
        this.order = order;
        this.portfolio = portfolio;
        this.settlement = settlement;
        this.tokens = tokens;
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
        expect(post(ADMIN, order.resolve("/api/v1/instruments"),
                "{\"symbol\":\"" + symbol + "\",\"tickSize\":\"0.01\"}"), 201);
    }

    /** Opens an account for the trader, with the trader's own token: an account is its opener's. */
    String openAccount(String trader) throws IOException, InterruptedException {
        String accountId = expect(post(trader, portfolio.resolve("/api/v1/accounts"),
                "{\"owner\":\"" + trader + "\"}"), 201).path("accountId").asText();
        owners.put(accountId, trader);
        return accountId;
    }

    void deposit(String accountId, String asset, String amount) throws IOException, InterruptedException {
        expect(post(ADMIN, portfolio.resolve("/api/v1/accounts/" + accountId + "/deposits"),
                "{\"asset\":\"" + asset + "\",\"amount\":\"" + amount + "\"}"), 202);
    }

    Optional<JsonNode> account(String accountId) throws IOException, InterruptedException {
        return find(ownerOf(accountId), portfolio.resolve("/api/v1/accounts/" + accountId));
    }

    // The open loop: one attempt each, whatever the answer; a 429 is counted as shed, not retried.

    CompletableFuture<HttpResponse<String>> place(String accountId, String body) {
        return sendAsync(ownerOf(accountId), HttpRequest.newBuilder(order.resolve("/api/v1/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    CompletableFuture<HttpResponse<String>> cancel(String accountId, String orderId) {
        return sendAsync(ownerOf(accountId), HttpRequest.newBuilder(order.resolve("/api/v1/orders/" + orderId))
                .DELETE());
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String caller, HttpRequest.Builder request) {
        try {
            return http.sendAsync(authorized(caller, request), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    // Reads after the run, each with the token of the account's owner.

    Listing ordersOf(String accountId, Predicate<JsonNode> older) throws IOException, InterruptedException {
        return list(ownerOf(accountId),
                order.resolve("/api/v1/orders?accountId=" + encode(accountId) + "&limit=" + PAGE_LIMIT), older);
    }

    Optional<JsonNode> order(String accountId, String orderId) throws IOException, InterruptedException {
        return find(ownerOf(accountId), order.resolve("/api/v1/orders/" + orderId));
    }

    /** An account's trades; only its own side of each carries an order id, the counterparty's is null. */
    Listing tradesOf(String accountId, Predicate<JsonNode> older) throws IOException, InterruptedException {
        return list(ownerOf(accountId),
                order.resolve("/api/v1/trades?accountId=" + encode(accountId) + "&limit=" + PAGE_LIMIT), older);
    }

    List<JsonNode> tradesOfOrder(String accountId, String orderId) throws IOException, InterruptedException {
        return list(ownerOf(accountId),
                order.resolve("/api/v1/trades?orderId=" + encode(orderId) + "&limit=" + PAGE_LIMIT), item -> false)
                .items();
    }

    Listing settlementsOf(String accountId, Predicate<JsonNode> older) throws IOException, InterruptedException {
        return list(ownerOf(accountId), settlement.resolve("/api/v1/settlements?accountId=" + encode(accountId)
                + "&limit=" + PAGE_LIMIT), older);
    }

    /** A trade's settlement, as the owner of one of its two accounts sees it. */
    Optional<JsonNode> settlement(String accountId, String tradeId) throws IOException, InterruptedException {
        return find(ownerOf(accountId), settlement.resolve("/api/v1/settlements/" + encode(tradeId)));
    }

    /** Requests outside the open loop answered 429 and sent again: the services' rate limits were in the way. */
    long throttled() {
        return throttled.get();
    }

    private String ownerOf(String accountId) {
        String owner = owners.get(accountId);
        if (owner == null) {
            throw new IllegalStateException("account " + accountId + " was not opened by this run: no owner known");
        }
        return owner;
    }

    /** Newest first, page after page, until the items reach what the caller calls older. */
    private Listing list(String caller, URI first, Predicate<JsonNode> older) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        URI next = first;
        boolean reachedOlder = false;
        boolean bare = false;
        for (int page = 0; next != null && page < MAX_PAGES && !reachedOlder; page++) {
            HttpResponse<String> response = send(caller, HttpRequest.newBuilder(next).GET());
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

    private Optional<JsonNode> find(String caller, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = send(caller, HttpRequest.newBuilder(uri).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new UnexpectedAnswer(response.request(), response.statusCode(), response.body());
        }
        return Optional.of(JSON.readTree(response.body()));
    }

    private HttpResponse<String> post(String caller, URI uri, String json) throws IOException, InterruptedException {
        return send(caller, HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * Setup and the reads after a step are not measured, so a 429 is waited out (its Retry-After, at least a tenth of
     * a second) and the request sent again with a token that may have been renewed meanwhile.
     */
    private HttpResponse<String> send(String caller, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(authorized(caller, request.copy()),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 429 || attempt == MAX_ATTEMPTS) {
                return response;
            }
            throttled.incrementAndGet();
            Thread.sleep(retryAfter(response).toMillis());
        }
    }

    /** The Authorization header's value for the caller. */
    String bearer(String caller) throws IOException, InterruptedException {
        return tokens.bearer(caller);
    }

    private HttpRequest authorized(String caller, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return request.timeout(requestTimeout).header("Authorization", tokens.bearer(caller)).build();
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        Duration wait = Duration.ofSeconds(1);
        try {
            wait = Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1").trim()));
        } catch (NumberFormatException e) {
            // An HTTP date instead of seconds: one second will do.
        }
        if (wait.compareTo(Duration.ofMillis(100)) < 0) {
            return Duration.ofMillis(100);
        }
        return wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait;
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
