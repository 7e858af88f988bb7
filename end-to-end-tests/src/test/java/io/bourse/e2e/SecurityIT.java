package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API's security as a client meets it, on the real stack: tokens checked, every account reachable only by its
 * owner, operator work only with the role, callers limited in rate and size, and bad input refused. Every refused
 * request is shown to have changed nothing.
 */
class SecurityIT {

    /** Low enough that a test can pass them quickly; the setup's own writes are retried after Retry-After. */
    private static final int WRITES_PER_SECOND = 20;

    static BourseStack stack;
    static Trading trading;
    static Http orders;
    static Http portfolios;
    static Http settlements;

    // alice trades with carol; bob is the other trader who tries everything on alice's ids.
    static String symbol;
    static String alice;
    static String carol;
    static String bobsAccount;
    static String restingOrder;
    static String filledOrder;
    static String tradeId;

    @BeforeAll
    static void start() {
        stack = new BourseStack(Map.of(
                "bourse.security.writes.per-second", Integer.toString(WRITES_PER_SECOND),
                "bourse.security.writes.burst", Integer.toString(WRITES_PER_SECOND)));
        trading = new Trading(stack);
        orders = stack.http(stack.order());
        portfolios = stack.http(stack.portfolio());
        settlements = stack.http(stack.settlement());

        symbol = Trading.newSymbol();
        trading.list(symbol);
        alice = trading.openAccount("alice", "USD", "10000.00");
        carol = trading.openAccount("carol", symbol, "100");
        bobsAccount = trading.openAccount("bob", "USD", "10000.00");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                trading.balance(alice, "USD").getOrDefault("available", java.math.BigDecimal.ZERO).signum() > 0
                        && trading.balance(carol, symbol).getOrDefault("available", java.math.BigDecimal.ZERO)
                        .signum() > 0);
        String sell = trading.limit(carol, symbol, "SELL", 5, "10.00");
        trading.awaitStatus(sell, "OPEN");
        filledOrder = trading.limit(alice, symbol, "BUY", 5, "10.00");
        trading.awaitStatus(filledOrder, "FILLED");
        restingOrder = trading.limit(alice, symbol, "BUY", 3, "9.00");
        trading.awaitStatus(restingOrder, "OPEN");
        tradeId = orders.as("alice").get("/api/v1/trades?orderId=" + filledOrder).body().get(0).path("tradeId")
                .asText();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "SETTLED".equals(settlements.get("/api/v1/settlements/" + tradeId).text("status")));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** Every endpoint of the three services, with alice's ids where it takes one. */
    private static List<Call> everyEndpoint() {
        String order = "{\"accountId\":\"" + alice + "\",\"symbol\":\"" + symbol
                + "\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1,\"limitPrice\":\"1.00\"}";
        String amount = "{\"asset\":\"USD\",\"amount\":\"1.00\"}";
        return List.of(
                new Call(orders, "POST", "/api/v1/instruments", "{\"symbol\":\"" + Trading.newSymbol()
                        + "\",\"tickSize\":\"0.01\"}"),
                new Call(orders, "GET", "/api/v1/instruments", null),
                new Call(orders, "POST", "/api/v1/orders", order),
                new Call(orders, "GET", "/api/v1/orders/" + restingOrder, null),
                new Call(orders, "GET", "/api/v1/orders?accountId=" + alice, null),
                new Call(orders, "DELETE", "/api/v1/orders/" + restingOrder, null),
                new Call(orders, "GET", "/api/v1/order-books/" + symbol, null),
                new Call(orders, "GET", "/api/v1/trades?symbol=" + symbol, null),
                new Call(orders, "GET", "/api/v1/trades?orderId=" + filledOrder, null),
                new Call(orders, "GET", "/api/v1/trades?accountId=" + alice, null),
                new Call(portfolios, "POST", "/api/v1/accounts", "{\"owner\":\"alice\"}"),
                new Call(portfolios, "GET", "/api/v1/accounts/" + alice, null),
                new Call(portfolios, "POST", "/api/v1/accounts/" + alice + "/deposits", amount),
                new Call(portfolios, "POST", "/api/v1/accounts/" + alice + "/withdrawals", amount),
                new Call(portfolios, "POST", "/api/v1/accounts/" + alice + "/freeze", "{\"reason\":\"x\"}"),
                new Call(portfolios, "POST", "/api/v1/accounts/" + alice + "/unfreeze", "{}"),
                new Call(settlements, "GET", "/api/v1/settlements/" + tradeId, null),
                new Call(settlements, "GET", "/api/v1/settlements?accountId=" + alice, null),
                new Call(settlements, "GET", "/api/v1/settlements", null));
    }

    record Call(Http service, String method, String path, String body) {

        Http.Response by(Http caller) {
            return switch (method) {
                case "GET" -> caller.get(path);
                case "DELETE" -> caller.delete(path);
                default -> caller.post(path, body);
            };
        }

        Http on() {
            return service;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What a refused request must leave as it was: alice's account, her orders, the book, the instruments. */
    private static List<JsonNode> state() {
        return List.of(trading.account(alice), orders.as("alice").get("/api/v1/orders?accountId=" + alice).body(),
                orders.get("/api/v1/order-books/" + symbol).body(), orders.get("/api/v1/instruments").body(),
                trading.account(bobsAccount));
    }

    @Test
    void withoutATokenEveryCallIsAProblem401ThatAsksForABearerToken() {
        List<JsonNode> before = state();
        for (Call call : everyEndpoint()) {
            Http.Response response = call.by(call.on().anonymous());
            assertThat(response.status()).as(call.toString()).isEqualTo(401);
            assertThat(response.contentType()).as(call.toString()).startsWith("application/problem+json");
            assertThat(response.body().path("type").asText()).as(call.toString()).isNotBlank();
            assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).as(call.toString())
                    .startsWith("Bearer");
        }
        assertThat(state()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"expired", "signed by another key", "for another audience", "from another issuer",
            "not a token"})
    void aTokenThatIsNotValidIsRefusedWith401(String what) throws Exception {
        String token = switch (what) {
            case "expired" -> token(stack.signingKey(), stack.tokens().issuer(), "bourse",
                    Instant.now().minus(Duration.ofMinutes(10)));
            case "signed by another key" -> token(newKey(), stack.tokens().issuer(), "bourse",
                    Instant.now().plus(Duration.ofMinutes(5)));
            case "for another audience" -> token(stack.signingKey(), stack.tokens().issuer(), "elsewhere",
                    Instant.now().plus(Duration.ofMinutes(5)));
            case "from another issuer" -> token(stack.signingKey(), "http://issuer.example", "bourse",
                    Instant.now().plus(Duration.ofMinutes(5)));
            default -> "not-a-jwt";
        };
        String path = "/api/v1/accounts/" + alice;
        Http.Response refused = portfolios.sendOnce(HttpRequest.newBuilder(URI.create(
                BourseStack.baseUrl(stack.portfolio()) + path)).header("Authorization", "Bearer " + token).build());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer").contains("invalid_token");
    }

    @Test
    void aTokenSignedWithTheIssuersKeyForAliceIsTakenAsAlice() throws Exception {
        String token = token(stack.signingKey(), stack.tokens().issuer(), "bourse",
                Instant.now().plus(Duration.ofMinutes(5)));
        Http.Response read = portfolios.sendOnce(HttpRequest.newBuilder(URI.create(
                BourseStack.baseUrl(stack.portfolio()) + "/api/v1/accounts/" + alice))
                .header("Authorization", "Bearer " + token).build());

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("owner")).isEqualTo("alice");
    }

    @Test
    void anotherTraderReachesNoneOfAlicesAccountOrdersTradesOrSettlements() {
        Http bob = orders.as("bob");
        List<JsonNode> before = state();
        List<String> answers = new ArrayList<>();
        for (Call call : everyEndpoint()) {
            Http.Response response = call.by(call.on().as("bob"));
            answers.add(call + " -> " + response.status());
            boolean publicRead = call.path().startsWith("/api/v1/instruments") && call.method().equals("GET")
                    || call.path().startsWith("/api/v1/order-books/") || call.path().contains("trades?symbol=");
            boolean ownAccount = call.path().equals("/api/v1/accounts") && call.method().equals("POST");
            if (publicRead) {
                assertThat(response.status()).as(call.toString()).isEqualTo(200);
            } else if (ownAccount) {
                assertThat(response.status()).as(call.toString()).isEqualTo(403);
                assertThat(response.body().path("type").asText()).endsWith("owner-not-subject");
            } else {
                assertThat(response.status()).as(call.toString()).isIn(400, 403, 404);
                assertThat(response.contentType()).as(call.toString()).startsWith("application/problem+json");
            }
        }
        assertThat(answers).contains(
                "GET /api/v1/accounts/" + alice + " -> 404",
                "POST /api/v1/accounts/" + alice + "/withdrawals -> 404",
                "POST /api/v1/accounts/" + alice + "/deposits -> 403",
                "POST /api/v1/accounts/" + alice + "/freeze -> 403",
                "POST /api/v1/orders -> 404",
                "GET /api/v1/orders/" + restingOrder + " -> 404",
                "DELETE /api/v1/orders/" + restingOrder + " -> 404",
                "GET /api/v1/orders?accountId=" + alice + " -> 404",
                "GET /api/v1/trades?orderId=" + filledOrder + " -> 404",
                "GET /api/v1/trades?accountId=" + alice + " -> 404",
                "GET /api/v1/settlements/" + tradeId + " -> 404",
                "GET /api/v1/settlements?accountId=" + alice + " -> 404",
                "GET /api/v1/settlements -> 400",
                "POST /api/v1/instruments -> 403");
        assertThat(state()).isEqualTo(before);
        assertThat(trading.order(restingOrder).path("status").asText()).isEqualTo("OPEN");
        assertThat(bob.get("/api/v1/orders?accountId=" + bobsAccount).body()).isEmpty();
    }

    @Test
    void theTapeNamesNoAccountsAndATradersOwnTradesHideTheCounterparty() {
        JsonNode tape = orders.as("bob").get("/api/v1/trades?symbol=" + symbol).body();
        assertThat(tape).isNotEmpty();
        for (JsonNode trade : tape) {
            assertThat(trade.path("buyerAccountId").isNull()).isTrue();
            assertThat(trade.path("sellerAccountId").isNull()).isTrue();
            assertThat(trade.path("buyOrderId").isNull()).isTrue();
            assertThat(trade.path("sellOrderId").isNull()).isTrue();
        }
        JsonNode own = orders.as("alice").get("/api/v1/trades?accountId=" + alice).body().get(0);
        assertThat(own.path("buyerAccountId").asText()).isEqualTo(alice);
        assertThat(own.path("buyOrderId").asText()).isEqualTo(filledOrder);
        assertThat(own.path("sellerAccountId").isNull()).isTrue();

        JsonNode settlement = settlements.as("carol").get("/api/v1/settlements/" + tradeId).body();
        assertThat(settlement.path("sellerAccountId").asText()).isEqualTo(carol);
        assertThat(settlement.path("buyerAccountId").isNull()).isTrue();
        JsonNode asAdmin = settlements.get("/api/v1/settlements/" + tradeId).body();
        assertThat(asAdmin.path("buyerAccountId").asText()).isEqualTo(alice);
    }

    @Test
    void operatorWorkNeedsTheRoleAndTheActuatorIsForOperatorsAndAdmins() {
        List<JsonNode> before = state();
        Http alicesOrders = orders.as("alice");
        Http alicesPortfolio = portfolios.as("alice");
        assertThat(alicesOrders.post("/api/v1/instruments", "{\"symbol\":\"" + Trading.newSymbol()
                + "\",\"tickSize\":\"0.01\"}").status()).isEqualTo(403);
        Http.Response credit = alicesPortfolio.post("/api/v1/accounts/" + alice + "/deposits",
                "{\"asset\":\"USD\",\"amount\":\"1000000.00\"}");
        assertThat(credit.status()).isEqualTo(403);
        assertThat(credit.body().path("type").asText()).isEqualTo("urn:bourse:problem:forbidden");
        assertThat(alicesPortfolio.post("/api/v1/accounts/" + alice + "/freeze", "{}").status()).isEqualTo(403);
        assertThat(alicesOrders.get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(state()).isEqualTo(before);

        // The admin holds the operator role too. A reason longer than the record keeps is refused and changes nothing.
        assertThat(orders.get("/actuator/metrics").status()).isEqualTo(200);
        Http.Response tooLong = portfolios.post("/api/v1/accounts/" + bobsAccount + "/freeze",
                "{\"reason\":\"" + "x".repeat(256) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("type").asText()).isEqualTo("urn:bourse:problem:invalid-request");
        assertThat(portfolios.get("/api/v1/accounts/" + bobsAccount).body().path("frozen").asBoolean()).isFalse();
        assertThat(portfolios.post("/api/v1/accounts/" + bobsAccount + "/freeze", "{\"reason\":\"review\"}").status())
                .isEqualTo(202);
        assertThat(portfolios.post("/api/v1/accounts/" + bobsAccount + "/unfreeze", "{}").status()).isEqualTo(202);
    }

    @Test
    void healthIsOpenButItsDetailsAreForAdmins() {
        for (Http service : List.of(orders, portfolios, settlements)) {
            JsonNode open = service.anonymous().get("/actuator/health").body();
            assertThat(open.path("status").asText()).isEqualTo("UP");
            assertThat(open.has("components")).isFalse();
            assertThat(service.as("alice").get("/actuator/health").body().has("components")).isFalse();
            JsonNode admin = service.get("/actuator/health").body();
            assertThat(admin.path("components").path("db").path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void answersCarrySecurityHeadersAndTheApiDocumentsNameTheScheme() {
        Http.Response account = portfolios.as("alice").get("/api/v1/accounts/" + alice);
        assertThat(account.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(account.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(account.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        JsonNode docs = orders.anonymous().get("/v3/api-docs").body();
        assertThat(docs.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(docs.path("security").get(0).has("bearer")).isTrue();
    }

    @Test
    void idsAreRandomUuids() {
        for (String id : List.of(alice, carol, bobsAccount, restingOrder, filledOrder)) {
            assertThat(UUID.fromString(id).version()).as(id).isEqualTo(4);
        }
    }

    @Test
    void tooManyWritesAre429WithRetryAfterAndTheCallerMayGoOnAfterIt() throws Exception {
        Http carols = orders.as("carol");
        String bad = "{\"accountId\":\"" + carol + "\"}";
        List<JsonNode> before = state();
        Http.Response refused = null;
        for (int i = 0; i < WRITES_PER_SECOND * 5 && refused == null; i++) {
            Http.Response response = carols.sendOnce(bearer(carols, "/api/v1/orders", bad));
            if (response.status() == 429) {
                refused = response;
            } else {
                assertThat(response.status()).isEqualTo(400);
            }
        }
        assertThat(refused).as("a 429 within " + WRITES_PER_SECOND * 5 + " rapid writes").isNotNull();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isPositive();
        // Reads have a bucket of their own, and another caller is not limited by carol's writes.
        assertThat(orders.as("carol").get("/api/v1/orders?accountId=" + carol).status()).isEqualTo(200);
        assertThat(orders.as("bob").sendOnce(bearer(orders.as("bob"), "/api/v1/orders", bad)).status())
                .isEqualTo(400);

        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());
        assertThat(carols.sendOnce(bearer(carols, "/api/v1/orders", bad)).status()).isEqualTo(400);
        assertThat(state()).isEqualTo(before);
    }

    private static HttpRequest bearer(Http caller, String path, String json) {
        return HttpRequest.newBuilder(URI.create(BourseStack.baseUrl(stack.order()) + path))
                .header("Authorization", "Bearer " + stack.tokens().of(caller.clientId()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"accountId\":\"%1$s\",\"symbol\":\"%2$s\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1,\"quantity\":2,\"limitPrice\":\"1.00\"}",
            "{\"accountId\":\"%1$s\",\"symbol\":\"%2$s\",\"side\":\"SELL\",\"type\":\"MARKET\",\"timeInForce\":\"IOC\",\"quantity\":1,\"limitPrice\":\"1.00\"}",
            "{\"accountId\":\"%1$s\",\"symbol\":\"%2$s\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1000000001,\"limitPrice\":\"1.00\"}",
            "{\"accountId\":\"%1$s\",\"symbol\":\"%2$s\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1,\"limitPrice\":\"1000000000.01\"}"})
    void anOrderOutsideTheRulesIs400AndPlacesNothing(String template) {
        List<JsonNode> before = state();
        Http.Response refused = orders.as("alice").post("/api/v1/orders", template.formatted(alice, symbol));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void theCashAssetCannotBeListedNorAnUnlistedAssetDepositedNorAHugeAmountMoved() {
        List<JsonNode> before = state();
        assertThat(orders.post("/api/v1/instruments", "{\"symbol\":\"USD\",\"tickSize\":\"0.01\"}").status())
                .isEqualTo(400);
        Http.Response doge = portfolios.post("/api/v1/accounts/" + alice + "/deposits",
                "{\"asset\":\"DOGE\",\"amount\":\"5\"}");
        assertThat(doge.status()).isEqualTo(400);
        assertThat(doge.body().path("type").asText()).isEqualTo("urn:bourse:problem:unknown-asset");
        assertThat(portfolios.post("/api/v1/accounts/" + alice + "/deposits",
                "{\"asset\":\"USD\",\"amount\":\"1000000000000.01\"}").status()).isEqualTo(400);
        assertThat(portfolios.as("alice").post("/api/v1/accounts/" + alice + "/withdrawals",
                "{\"asset\":\"USD\",\"amount\":\"1.00\",\"amount\":\"2.00\"}").status()).isEqualTo(400);
        assertThat(state()).isEqualTo(before);
        // A listed instrument may be deposited.
        assertThat(portfolios.post("/api/v1/accounts/" + bobsAccount + "/deposits",
                "{\"asset\":\"" + symbol + "\",\"amount\":\"1\"}").status()).isEqualTo(202);
    }

    @Test
    void aBodyOverTheLimitIs413AndReadsNothing() {
        List<JsonNode> before = state();
        String padding = "x".repeat(20_000);
        Http.Response refused = orders.as("alice").post("/api/v1/orders",
                "{\"accountId\":\"" + alice + "\",\"clientOrderId\":\"" + padding + "\"}");

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void theEventStoresRecordWhoPlacedTheOrderInBothServices() throws Exception {
        assertThat(metaDataOf(stack.order(), "OrderPlaced", filledOrder)).contains("\"subject\":\"alice\"");
        // The hold was asked for by order-service's placement, in alice's name, over Kafka.
        assertThat(metaDataOf(stack.portfolio(), "FundsReserved", filledOrder)).contains("\"subject\":\"alice\"");
    }

    private static String metaDataOf(org.springframework.context.ConfigurableApplicationContext service,
                                     String eventType, String orderId) throws Exception {
        DataSource database = service.getBean(DataSource.class);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select convert_from(meta_data, 'UTF8') from domain_event_entry"
                     + " where payload_type like '%" + eventType + "' and convert_from(payload, 'UTF8') like '%"
                     + orderId + "%'")) {
            assertThat(rows.next()).as(eventType + " of " + orderId).isTrue();
            return rows.getString(1);
        }
    }

    private static KeyPair newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A token for alice as the issuer would sign it, with the key, issuer, audience and expiry given. */
    private static String token(KeyPair key, String issuer, String audience, Instant expiresAt) throws JOSEException {
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) key.getPublic()).keyIDFromThumbprint().build();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("alice").issuer(issuer).audience(audience)
                .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(15))))
                .notBeforeTime(Date.from(expiresAt.minus(Duration.ofMinutes(15))))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(jwk.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }
}
