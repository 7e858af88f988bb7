package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trading screen is order-service's page; from there a browser calls portfolio-service, settlement-service and
 * the issuer across origins, and lets the page do so only where those answer CORS for its origin. Here the services
 * and the issuer run with their shipped defaults, which name the screen at localhost:8081 and 127.0.0.1:8081.
 */
class CrossOriginIT {

    private static final String SCREEN = "http://localhost:8081";
    private static final String SCREEN_BY_ADDRESS = "http://127.0.0.1:8081";
    private static final String ELSEWHERE = "http://trade.example.net";

    static BourseStack stack;
    static Http portfolios;
    static Http settlements;
    static String account;

    @BeforeAll
    static void start() {
        stack = new BourseStack();
        portfolios = stack.http(stack.portfolio());
        settlements = stack.http(stack.settlement());
        Trading trading = new Trading(stack);
        account = trading.openAccount("alice", null, null);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theScreenMayPlaceRequestsWithTheApisHeaders() {
        Http.Response preflight = preflight(portfolios, "/api/v1/accounts/" + account + "/withdrawals", SCREEN, "POST",
                "authorization,content-type,idempotency-key,traceparent,x-request-id");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(SCREEN);
        assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("GET", "POST", "DELETE");
        assertThat(header(preflight, "Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization", "content-type", "idempotency-key", "traceparent", "x-request-id");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(header(preflight, "Access-Control-Max-Age")).isNotEmpty();
    }

    @Test
    void theScreenMayOpenStreamsAndReadTheActuator() {
        Http.Response stream = preflight(settlements, "/api/v1/streams/settlements?accountId=" + account,
                SCREEN_BY_ADDRESS, "GET", "authorization,last-event-id");
        assertThat(stream.status()).isEqualTo(200);
        assertThat(header(stream, "Access-Control-Allow-Origin")).isEqualTo(SCREEN_BY_ADDRESS);
        assertThat(header(stream, "Access-Control-Allow-Headers").toLowerCase()).contains("last-event-id");

        Http.Response actuator = preflight(portfolios, "/actuator/eventprocessors", SCREEN, "GET", "authorization");
        assertThat(actuator.status()).isEqualTo(200);
        assertThat(header(actuator, "Access-Control-Allow-Origin")).isEqualTo(SCREEN);
    }

    @Test
    void theScreenReadsTheAnswerAndTheHeadersAClientNeeds() {
        Http.Response read = portfolios.as("alice").get("/api/v1/accounts/" + account, Map.of("Origin", SCREEN));
        assertThat(read.status()).isEqualTo(200);
        assertThat(header(read, "Access-Control-Allow-Origin")).isEqualTo(SCREEN);
        assertThat(header(read, "Access-Control-Expose-Headers")).contains("Location", "Link", "Retry-After",
                "X-Request-Id");

        // A refusal is readable too, so the screen can tell a missing token from a network failure.
        Http.Response refused = portfolios.anonymous().get("/api/v1/accounts/" + account, Map.of("Origin", SCREEN));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(header(refused, "Access-Control-Allow-Origin")).isEqualTo(SCREEN);
    }

    @Test
    void anotherOriginIsRefusedAndNothingIsAllowedToIt() {
        Http.Response preflight = preflight(portfolios, "/api/v1/accounts/" + account, ELSEWHERE, "GET",
                "authorization");
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.contentType()).startsWith("application/problem+json");
        assertThat(preflight.text("type")).isEqualTo("urn:bourse:problem:cross-origin-refused");

        Http.Response read = portfolios.as("alice").get("/api/v1/accounts/" + account, Map.of("Origin", ELSEWHERE));
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(read.body().path("balances").isMissingNode()).isTrue();

        Http.Response method = preflight(settlements, "/api/v1/settlements", SCREEN, "PUT", "authorization");
        assertThat(method.status()).isEqualTo(403);
    }

    @Test
    void theIssuersTokenEndpointAnswersTheScreen() throws Exception {
        String issuer = stack.tokens().issuer();
        Http http = new Http(issuer, stack.tokens(), null);
        Http.Response preflight = http.sendOnce(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", SCREEN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build());
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(SCREEN);

        Http.Response token = http.sendOnce(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Origin", SCREEN)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("alice:alice-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build());
        assertThat(token.status()).isEqualTo(200);
        assertThat(header(token, "Access-Control-Allow-Origin")).isEqualTo(SCREEN);
        assertThat(token.text("access_token")).isNotEmpty();

        // The issuer refuses in Spring's own words, plain text: read it as a browser would, without parsing it.
        java.net.http.HttpResponse<String> elsewhere = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", ELSEWHERE)
                        .header("Access-Control-Request-Method", "POST")
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static Http.Response preflight(Http service, String path, String origin, String method, String headers) {
        return service.sendOnce(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", headers)
                .build());
    }

    private static String header(Http.Response response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}
