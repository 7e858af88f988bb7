package io.bourse.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker-compose.yml} as a user runs it, on podman: PostgreSQL, Kafka, the local issuer and the three services
 * from images the build made (ours by Jib, the others from Debian's packages and Maven Central, see deploy/images),
 * up in order of health, a token from the issuer, a trade walked through the REST API from account to settlement,
 * then {@code down} and {@code up} again with the data still there, and {@code down -v} at the end.
 * <p>
 * Runs where podman, docker-compose and debootstrap are installed and the service images were built
 * ({@code ./mvnw -Pimage ...}); {@code .ci/run} provides all of them.
 */
class ComposeIT {

    private static final String PROJECT = "bourse-compose-test";
    private static final List<String> SERVICES = Project.services().stream().map(ServiceModule::module).toList();
    /** Every image the build makes: the services' and the local issuer's. */
    private static final List<String> IMAGES = Stream.concat(SERVICES.stream(), Stream.of("authorization-server"))
            .toList();
    /** Ours, PostgreSQL and Kafka. */
    private static final int CONTAINERS = IMAGES.size() + 2;
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The dev client with the operator role: listings and deposits. */
    private static final String OPERATOR = "admin";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> times = new LinkedHashMap<>();
    private final Map<String, String> tokens = new HashMap<>();

    @TempDir
    Path workDir;

    @Test
    void composeBringsTheSystemUpAndKeepsItsDataAcrossDownAndUp() throws Exception {
        assumeTrue(Podman.available(), "podman, docker-compose and debootstrap are needed (.ci/run installs them)");
        for (String module : IMAGES) {
            assumeTrue(Files.exists(imageArchive(module)), "no image archive of " + module
                    + ": build them with ./mvnw -Pimage -DskipTests package");
        }
        long started = System.nanoTime();
        buildLocalImages();
        lap("base images (built or found)", started);

        Map<String, String> environment = composeEnvironment();
        try (Podman podman = Podman.start(workDir)) {
            environment.putAll(podman.dockerEnvironment());
            try {
                long up = System.nanoTime();
                up(podman, environment);
                lap("first up, until all healthy", up);

                long walk = System.nanoTime();
                assertThat(send(environment, "PORTFOLIO_PORT", "/api/v1/accounts", "{}", null).statusCode())
                        .as("without a token").isEqualTo(401);
                Trade trade = walkATrade(environment);
                lap("trade walk-through", walk);

                long restart = System.nanoTime();
                compose(environment, "down");
                assertThat(podman.health(PROJECT)).isEmpty();
                up(podman, environment);
                lap("down, then up until all healthy", restart);

                // The local issuer made itself a new key when it started again: earlier tokens are void.
                tokens.clear();
                assertThat(get(environment, "ORDER_PORT", "/api/v1/orders/" + trade.buyOrderId(), "alice")
                        .path("status").asText()).isEqualTo("FILLED");
                assertThat(get(environment, "SETTLEMENT_PORT", "/api/v1/settlements/" + trade.tradeId(), "alice")
                        .path("status").asText()).isEqualTo("SETTLED");
                assertThat(balance(environment, trade.buyerAccountId(), "USD", "alice")).isEqualTo("9000.00");
            } finally {
                compose(environment, "down", "-v");
                System.out.println("compose test times: " + times);
            }
            assertThat(Podman.podman("volume", "ls", "--format", "{{.Name}}")).doesNotContain(PROJECT);
        }
    }

    private static Path imageArchive(String service) {
        return Project.root().resolve(service).resolve("target/jib-image.tar");
    }

    /** The base images (reused when present), and the service images loaded from the archives Jib wrote. */
    private static void buildLocalImages() {
        Podman.run(Duration.ofMinutes(20), true, "bash", "deploy/images/build-local-images.sh");
        for (String module : IMAGES) {
            Podman.podman("load", "-q", "-i", imageArchive(module).toString());
        }
    }

    private static Map<String, String> composeEnvironment() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("POSTGRES_IMAGE", "localhost/bourse-base/postgres:15");
        // build-local-images.sh tags the broker with the Kafka version of the build.
        environment.put("KAFKA_IMAGE", "localhost/bourse-base/kafka:" + Project.kafkaVersion());
        for (String module : IMAGES) {
            // order-service → ORDER_SERVICE_IMAGE; podman keeps an image loaded from an archive under localhost/.
            environment.put(module.toUpperCase().replace('-', '_') + "_IMAGE", "localhost/" + Project.image(module));
        }
        for (String port : List.of("ORDER_PORT", "PORTFOLIO_PORT", "SETTLEMENT_PORT", "AUTH_PORT", "POSTGRES_PORT",
                "KAFKA_PORT")) {
            environment.put(port, Integer.toString(freePort()));
        }
        return environment;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * {@code up -d} waits for each container's dependencies to be healthy, and under podman without systemd health
     * checks run only when asked: a second thread asks every two seconds until all are healthy.
     */
    private void up(Podman podman, Map<String, String> environment) {
        ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor();
        try {
            checks.scheduleWithFixedDelay(() -> podman.runHealthChecks(PROJECT), 2, 2, TimeUnit.SECONDS);
            compose(environment, "up", "-d");
            await().atMost(UP_TIMEOUT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(podman.health(PROJECT)).hasSize(CONTAINERS).allSatisfy((name, health) ->
                            assertThat(health).as(name).isEqualTo("healthy")));
        } finally {
            checks.shutdownNow();
        }
    }

    private static void compose(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", PROJECT, "-f",
                Project.root().resolve("docker-compose.yml").toString()));
        command.addAll(List.of(arguments));
        Podman.run(UP_TIMEOUT, true, environment, command.toArray(String[]::new));
    }

    private record Trade(String tradeId, String buyOrderId, String buyerAccountId) {
    }

    /** The README's walk-through: two accounts, deposits, a listing, a resting sell and a crossing buy, settled. */
    private Trade walkATrade(Map<String, String> env) throws Exception {
        String buyer = post(env, "PORTFOLIO_PORT", "/api/v1/accounts", "{\"owner\":\"alice\"}", "alice")
                .path("accountId").asText();
        String seller = post(env, "PORTFOLIO_PORT", "/api/v1/accounts", "{\"owner\":\"bob\"}", "bob")
                .path("accountId").asText();
        post(env, "ORDER_PORT", "/api/v1/instruments", "{\"symbol\":\"ACME\",\"tickSize\":\"0.01\"}", OPERATOR);
        post(env, "PORTFOLIO_PORT", "/api/v1/accounts/" + buyer + "/deposits",
                "{\"asset\":\"USD\",\"amount\":\"10000.00\"}", OPERATOR);
        post(env, "PORTFOLIO_PORT", "/api/v1/accounts/" + seller + "/deposits",
                "{\"asset\":\"ACME\",\"amount\":\"100\"}", OPERATOR);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> "100".equals(balance(env, seller, "ACME", "bob")));

        post(env, "ORDER_PORT", "/api/v1/orders", order(seller, "SELL", "100.00"), "bob");
        String buy = post(env, "ORDER_PORT", "/api/v1/orders", order(buyer, "BUY", "105.00"), "alice")
                .path("orderId").asText();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                "FILLED".equals(get(env, "ORDER_PORT", "/api/v1/orders/" + buy, "alice").path("status").asText()));
        String tradeId = get(env, "ORDER_PORT", "/api/v1/trades?orderId=" + buy, "alice").path(0).path("tradeId")
                .asText();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                "SETTLED".equals(get(env, "SETTLEMENT_PORT", "/api/v1/settlements/" + tradeId, "alice")
                        .path("status").asText()));
        // 10 at the resting 100.00: the buyer paid 1000.00 and got the 50.00 price improvement back.
        assertThat(balance(env, buyer, "USD", "alice")).isEqualTo("9000.00");
        assertThat(balance(env, buyer, "ACME", "alice")).isEqualTo("10");
        assertThat(balance(env, seller, "USD", "bob")).isEqualTo("1000.00");
        return new Trade(tradeId, buy, buyer);
    }

    /** A token of the dev client from the local issuer by the client_credentials grant, as the README shows. */
    private String token(Map<String, String> env, String client) throws Exception {
        String known = tokens.get(client);
        if (known != null) {
            return known;
        }
        String basic = Base64.getEncoder().encodeToString((client + ":" + client + "-secret")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(env, "AUTH_PORT", "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("token: " + response.body()).isEqualTo(200);
        String token = JSON.readTree(response.body()).path("access_token").asText();
        tokens.put(client, token);
        return token;
    }

    private static String order(String account, String side, String price) {
        return "{\"accountId\":\"" + account + "\",\"symbol\":\"ACME\",\"side\":\"" + side
                + "\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":10,\"limitPrice\":\"" + price + "\"}";
    }

    private String balance(Map<String, String> env, String account, String asset, String owner) throws Exception {
        for (JsonNode balance : get(env, "PORTFOLIO_PORT", "/api/v1/accounts/" + account, owner).path("balances")) {
            if (balance.path("asset").asText().equals(asset)) {
                return balance.path("total").asText();
            }
        }
        return null;
    }

    private JsonNode get(Map<String, String> env, String port, String path, String client) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(env, port, path))
                        .header("Authorization", "Bearer " + token(env, client)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode post(Map<String, String> env, String port, String path, String body, String client)
            throws Exception {
        HttpResponse<String> response = send(env, port, path, body, client);
        assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isBetween(200, 202);
        return JSON.readTree(response.body());
    }

    /** A POST with the client's token, or none when the client is null. */
    private HttpResponse<String> send(Map<String, String> env, String port, String path, String body, String client)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(env, port, path))
                .header("Content-Type", "application/json");
        if (client != null) {
            request.header("Authorization", "Bearer " + token(env, client));
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(Map<String, String> env, String port, String path) {
        return URI.create("http://127.0.0.1:" + env.get(port) + path);
    }

    private void lap(String what, long startedNanos) {
        times.put(what, (System.nanoTime() - startedNanos) / 1_000_000_000 + " s");
    }
}
