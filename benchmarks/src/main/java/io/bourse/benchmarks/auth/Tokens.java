package io.bourse.benchmarks.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * Access tokens from the issuer by the client_credentials grant (HTTP basic, the dev secret {@code <client>-secret}),
 * one cached per client id and shared by every thread. From 30 s before a token expires a new one is fetched in the
 * background while the current one is still handed out: the open loop builds its requests on one pacing thread, and
 * a wait on the issuer there (the issuer checks a bcrypt hash per token) would be charged to every request behind it.
 * A caller waits only for a client's first token, or when no renewal came in before the old token expired.
 */
public final class Tokens implements AutoCloseable {

    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);
    /** After a failed background renewal, while the current token still serves, so a down issuer is not hammered. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    /** A token as the issuer granted it, and for how long. */
    record Grant(String accessToken, Duration expiresIn) {
    }

    /** Where tokens come from: the issuer over HTTP, or a fake in tests. */
    @FunctionalInterface
    interface Issuer {
        Grant grant(String clientId) throws IOException, InterruptedException;
    }

    /** A cached token; both times by the clock, counted from before the issuer was asked. */
    record Token(String value, long renewAtNanos, long expiresAtNanos) {

        /** Renews 30 s early, or half-way through a lifetime shorter than a minute so it is not renewed at once. */
        static Token of(Grant grant, long askedAtNanos) {
            long lifetime = grant.expiresIn().toNanos();
            long renewAfter = Math.max(lifetime - RENEW_BEFORE_EXPIRY.toNanos(), lifetime / 2);
            return new Token(grant.accessToken(), askedAtNanos + renewAfter, askedAtNanos + lifetime);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Issuer issuer;
    private final LongSupplier clock;
    private final Executor renewals;
    private final ExecutorService ownExecutor;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /** Tokens from the issuer at this base URL (its token endpoint is /oauth2/token). */
    public Tokens(URI issuer) {
        this(httpIssuer(issuer), System::nanoTime, null);
    }

    Tokens(Issuer issuer, LongSupplier clock, Executor renewals) {
        this.issuer = issuer;
        this.clock = clock;
        this.ownExecutor = renewals == null ? Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "token-renewal");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.renewals = renewals == null ? ownExecutor : renewals;
    }

    /** The Authorization header value for a request of the client. */
    public String bearer(String clientId) throws IOException, InterruptedException {
        return "Bearer " + token(clientId);
    }

    /** A token of the client that has not expired. */
    public String token(String clientId) throws IOException, InterruptedException {
        Slot slot = slots.get(clientId);
        return (slot != null ? slot : slots.computeIfAbsent(clientId, Slot::new)).token();
    }

    @Override
    public void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }

    /** One client's token and its renewal in flight, if any: at most one request to the issuer per client at a time. */
    private final class Slot {

        private final String clientId;
        private volatile Token current;
        private CompletableFuture<Token> renewal;
        private long quietUntilNanos;

        Slot(String clientId) {
            this.clientId = clientId;
        }

        String token() throws IOException, InterruptedException {
            long now = clock.getAsLong();
            Token token = current;
            if (token != null && now - token.renewAtNanos() < 0) {
                return token.value();
            }
            boolean stillValid = token != null && now - token.expiresAtNanos() < 0;
            CompletableFuture<Token> pending = renew(now, stillValid);
            if (stillValid) {
                return token.value();
            }
            return await(pending);
        }

        private synchronized CompletableFuture<Token> renew(long now, boolean stillValid) {
            if (renewal != null || (stillValid && now - quietUntilNanos < 0)) {
                return renewal;
            }
            CompletableFuture<Token> started = new CompletableFuture<>();
            renewal = started;
            renewals.execute(() -> {
                long asked = clock.getAsLong();
                try {
                    Token fresh = Token.of(issuer.grant(clientId), asked);
                    current = fresh;
                    started.complete(fresh);
                } catch (Throwable e) {
                    synchronized (this) {
                        quietUntilNanos = clock.getAsLong() + RETRY_AFTER_FAILURE.toNanos();
                    }
                    started.completeExceptionally(e);
                } finally {
                    synchronized (this) {
                        if (renewal == started) {
                            renewal = null;
                        }
                    }
                }
            });
            return started;
        }

        private String await(CompletableFuture<Token> pending) throws IOException, InterruptedException {
            try {
                return pending.get().value();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IOException("no token for " + clientId, cause);
            }
        }
    }

    private static Issuer httpIssuer(URI issuer) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        URI endpoint = issuer.resolve("/oauth2/token");
        return clientId -> {
            String credentials = Base64.getEncoder()
                    .encodeToString((clientId + ":" + clientId + "-secret").getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Basic " + credentials)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("the issuer at " + endpoint + " gave " + clientId + " no token: "
                        + response.statusCode() + " " + response.body()
                        + " (is the client registered with the secret " + clientId + "-secret?)");
            }
            JsonNode body = JSON.readTree(response.body());
            String token = body.path("access_token").asText("");
            long seconds = body.path("expires_in").asLong(0);
            if (token.isBlank() || seconds <= 0) {
                throw new IOException("the issuer's answer for " + clientId + " has no access_token and expires_in");
            }
            return new Grant(token, Duration.ofSeconds(seconds));
        };
    }
}
