package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API as its documents describe it, on the real stack: each service's OpenAPI document names the statuses,
 * headers and problem types its operations answer with, and what a client gets wrong about HTTP itself (a method, a
 * media type, a parameter, a path, a body that is not JSON, a URL with an encoded slash) is answered with a problem
 * that has a type and speaks of the request, never of the Java code behind it.
 */
class ApiContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String PROBLEM = "urn:bourse:problem:";
    private static final String PROBLEM_JSON = "application/problem+json";

    static BourseStack stack;
    static Trading trading;
    static String symbol;
    static String alice;
    static Map<String, JsonNode> documents;

    @BeforeAll
    static void start() {
        stack = new BourseStack();
        trading = new Trading(stack);
        symbol = Trading.newSymbol();
        trading.list(symbol);
        alice = trading.openAccount("alice", "USD", "1000.00");
        documents = Map.of(
                "order", stack.http(stack.order()).anonymous().get("/v3/api-docs").body(),
                "portfolio", stack.http(stack.portfolio()).anonymous().get("/v3/api-docs").body(),
                "settlement", stack.http(stack.settlement()).anonymous().get("/v3/api-docs").body());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void eachServiceDocumentNamesItsServiceAndTheBuildsVersion() {
        String version = System.getProperty("bourse.project-version");
        assertThat(version).as("the build passes the project version").isNotBlank();
        documents.forEach((service, document) -> {
            JsonNode info = document.path("info");
            assertThat(info.path("title").asText()).as(service).isEqualTo("Bourse " + service + "-service");
            assertThat(info.path("version").asText()).as(service).isEqualTo(version);
            assertThat(info.path("description").asText()).as(service).contains("application/problem+json");
            JsonNode problem = document.path("components").path("schemas").path("Problem");
            assertThat(problem.path("properties").has("type")).as(service).isTrue();
            assertThat(problem.path("properties").has("detail")).as(service).isTrue();
            assertThat(problem.path("properties").path("errors").path("items").path("$ref").asText())
                    .isEqualTo("#/components/schemas/FieldError");
        });
    }

    @Test
    void placingAnOrderIsDocumentedAsAcceptedWithItsLocationAndTheProblemsItCanAnswer() {
        JsonNode place = operation("order", "/api/v1/orders", "post");

        assertThat(place.path("summary").asText()).isNotBlank();
        assertThat(place.path("responses").has("200")).isFalse();
        assertThat(place.path("responses").path("202").path("headers").has("Location")).isTrue();
        assertThat(place.path("responses").path("202").path("content").path("application/json").path("schema")
                .path("$ref").asText()).endsWith("/PlaceOrderResponse");
        assertThat(problemTypes(place, "400")).contains(PROBLEM + "invalid-request", PROBLEM + "malformed-request",
                PROBLEM + "limit-price-required", PROBLEM + "limit-price-not-allowed");
        assertThat(problemTypes(place, "404")).containsExactly(PROBLEM + "account-not-found");
        assertThat(problemTypes(place, "422")).contains(PROBLEM + "idempotency-key-reused");
        assertThat(problemTypes(place, "401")).containsExactly(PROBLEM + "unauthorized");
        assertThat(problemTypes(place, "413")).containsExactly(PROBLEM + "content-too-large");
        assertThat(problemTypes(place, "415")).containsExactly(PROBLEM + "unsupported-media-type");
        assertThat(place.path("responses").path("401").path("headers").has("WWW-Authenticate")).isTrue();
        assertThat(place.path("responses").path("429").path("headers").has("Retry-After")).isTrue();
        assertThat(place.path("requestBody").path("content").path("application/json").path("schema").path("$ref")
                .asText()).endsWith("/PlaceOrderRequest");
        JsonNode request = documents.get("order").path("components").path("schemas").path("PlaceOrderRequest");
        assertThat(request.path("properties").path("limitPrice").path("example").asText()).isEqualTo("101.25");
    }

    @Test
    void creationsAreDocumentedAs201WithALocation() {
        for (JsonNode created : List.of(operation("order", "/api/v1/instruments", "post"),
                operation("portfolio", "/api/v1/accounts", "post"))) {
            assertThat(created.path("responses").has("200")).isFalse();
            assertThat(created.path("responses").path("201").path("headers").has("Location")).isTrue();
        }
        assertThat(problemTypes(operation("order", "/api/v1/instruments", "post"), "409"))
                .containsExactly(PROBLEM + "instrument-already-listed");
        assertThat(problemTypes(operation("portfolio", "/api/v1/accounts", "post"), "403"))
                .contains(PROBLEM + "owner-not-subject", PROBLEM + "forbidden");
        JsonNode settlement = operation("settlement", "/api/v1/settlements/{tradeId}", "get");
        assertThat(settlement.path("responses").has("200")).isTrue();
        assertThat(problemTypes(settlement, "404")).containsExactly(PROBLEM + "settlement-not-found");
        assertThat(problemTypes(operation("order", "/api/v1/orders", "get"), "400"))
                .contains(PROBLEM + "missing-parameter", PROBLEM + "invalid-parameter", PROBLEM + "invalid-limit");
    }

    /** What the document promises holds for every API operation of every service, not just the ones looked at. */
    @Test
    void everyOperationIsDescribedAndEveryErrorIsAProblemWithItsTypes() {
        List<String> operations = new ArrayList<>();
        documents.forEach((service, document) -> document.path("paths").fields().forEachRemaining(path -> {
            assertThat(path.getKey()).startsWith("/api/v1/");
            path.getValue().fields().forEachRemaining(method -> {
                String name = service + " " + method.getKey() + " " + path.getKey();
                operations.add(name);
                JsonNode operation = method.getValue();
                assertThat(operation.path("summary").asText()).as(name).isNotBlank();
                assertThat(operation.path("description").asText()).as(name).isNotBlank();
                operation.path("parameters").forEach(parameter -> assertThat(parameter.path("description").asText())
                        .as(name + " " + parameter.path("name").asText()).isNotBlank());
                JsonNode responses = operation.path("responses");
                assertThat(responses.fieldNames()).toIterable().as(name)
                        .anyMatch(status -> status.startsWith("2"))
                        .contains("401", "403", "406", "413", "429");
                responses.fields().forEachRemaining(response -> {
                    if (response.getKey().compareTo("400") >= 0) {
                        JsonNode problem = response.getValue().path("content").path(PROBLEM_JSON);
                        assertThat(problem.path("schema").path("$ref").asText()).as(name + " " + response.getKey())
                                .isEqualTo("#/components/schemas/Problem");
                        assertThat(problemTypes(operation, response.getKey())).as(name + " " + response.getKey())
                                .isNotEmpty().allMatch(type -> type.startsWith(PROBLEM));
                    }
                });
            });
        }));
        assertThat(operations).hasSize(17);
    }

    /** The problems a service answers with are among those its document lists for the operation. */
    @Test
    void theProblemsAnsweredAreTheOnesDocumented() {
        Http orders = stack.http(stack.order()).as("alice");
        Http.Response noPrice = orders.post("/api/v1/orders", "{\"accountId\":\"" + alice + "\",\"symbol\":\"" + symbol
                + "\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"quantity\":1}");
        Http.Response noAccount = orders.get("/api/v1/orders");
        Http.Response wordyLimit = orders.get("/api/v1/orders?accountId=" + alice + "&limit=ten");

        assertThat(problemTypes(operation("order", "/api/v1/orders", "post"), "400"))
                .contains(noPrice.text("type"));
        assertThat(problemTypes(operation("order", "/api/v1/orders", "get"), "400"))
                .contains(noAccount.text("type"), wordyLimit.text("type"));

        Http portfolios = stack.http(stack.portfolio());
        String nobody = UUID.randomUUID().toString();
        Http.Response toNobody = portfolios.post("/api/v1/accounts/" + nobody + "/deposits",
                "{\"asset\":\"USD\",\"amount\":\"1.00\"}");
        Http.Response tooMuch = portfolios.as("alice").post("/api/v1/accounts/" + alice + "/withdrawals",
                "{\"asset\":\"USD\",\"amount\":\"1000000.00\"}");
        Http.Response freezeNobody = portfolios.post("/api/v1/accounts/" + nobody + "/freeze", "{}");

        assertThat(toNobody.status()).isEqualTo(404);
        assertThat(problemTypes(operation("portfolio", "/api/v1/accounts/{accountId}/deposits", "post"), "404"))
                .contains(toNobody.text("type"));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(problemTypes(operation("portfolio", "/api/v1/accounts/{accountId}/withdrawals", "post"), "422"))
                .contains(tooMuch.text("type"));
        assertThat(freezeNobody.status()).isEqualTo(404);
        assertThat(problemTypes(operation("portfolio", "/api/v1/accounts/{accountId}/freeze", "post"), "404"))
                .contains(freezeNobody.text("type"));
    }

    @Test
    void aMethodThePathDoesNotTakeIs405NamingTheOnesItDoes() {
        Answer put = send(request("/api/v1/orders/" + alice).method("PUT", HttpRequest.BodyPublishers.noBody()));

        put.isProblem(405, "method-not-allowed");
        assertThat(put.headers().firstValue("Allow").orElse("")).contains("GET", "DELETE");
        assertThat(put.detail()).contains("PUT");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Answer text = send(request("/api/v1/orders").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("buy 10 ACME")));

        text.isProblem(415, "unsupported-media-type");
        assertThat(text.detail()).contains("application/json", "text/plain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml"})
    void anAnswerTheClientDoesNotAcceptIs406StillAsAProblem(String accept) {
        Answer answer = send(request("/api/v1/instruments").header("Accept", accept).GET());

        answer.isProblem(406, "not-acceptable");
    }

    @Test
    void aMissingRequiredParameterIs400NamingIt() {
        Answer answer = send(request("/api/v1/orders").GET());

        answer.isProblem(400, "missing-parameter");
        assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("accountId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=abc", "status=SOMEWHERE"})
    void aParameterOfTheWrongTypeIs400SayingWhatItTakes(String parameter) {
        Answer answer = send(request("/api/v1/orders?accountId=" + alice + "&" + parameter).GET());

        answer.isProblem(400, "invalid-parameter");
        String name = parameter.substring(0, parameter.indexOf('='));
        assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo(name);
        assertThat(answer.detail()).contains(name, name.equals("limit") ? "whole number" : "one of NEW");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/nothing-here", "/api/v1/orders/" + "x/y", "/api/v2/orders"})
    void anUnknownPathIsA404Problem(String path) {
        Answer answer = send(request(path).GET());

        answer.isProblem(404, "not-found");
        assertThat(answer.detail()).contains(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"accountId\":", "[1, 2", "", "null"})
    void aBodyThatIsNotAnObjectOfJsonIs400(String body) {
        Answer answer = send(request("/api/v1/orders").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        answer.isProblem(400, "malformed-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/orders/a%2Fb", "/api/v1/orders/a%2fb", "/api/v1/orders/a%5Cb",
            "/api/v1/orders/a;b", "/api/v1/orders/%2e%2e/instruments"})
    void aUrlThatCouldNameAnotherResourceIsRefusedAsAProblem(String path) {
        Answer withToken = send(request(path).GET());
        Answer withoutToken = send(HttpRequest.newBuilder(URI.create(BourseStack.baseUrl(stack.order()) + path))
                .GET());

        withToken.isProblem(400, "request-rejected");
        withoutToken.isProblem(400, "request-rejected");
    }

    /** The security chain still answers for itself, as problems, around the framework's answers. */
    @Test
    void theSecurityChainsRefusalsStayProblems() {
        Answer anonymous = send(HttpRequest.newBuilder(URI.create(BourseStack.baseUrl(stack.order())
                + "/api/v1/nothing-here")).GET());
        Answer trader = send(HttpRequest.newBuilder(URI.create(BourseStack.baseUrl(stack.order())
                        + "/api/v1/instruments")).header("Authorization", "Bearer " + stack.tokens().of("bob"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"symbol\":\"" + Trading.newSymbol()
                        + "\",\"tickSize\":\"0.01\"}")));

        anonymous.isProblem(401, "unauthorized");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        trader.isProblem(403, "forbidden");
    }

    private static JsonNode operation(String service, String path, String method) {
        JsonNode operation = documents.get(service).path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as(service + " " + method + " " + path).isFalse();
        return operation;
    }

    private static List<String> problemTypes(JsonNode operation, String status) {
        List<String> types = new ArrayList<>();
        operation.path("responses").path(status).path("content").path(PROBLEM_JSON).path("examples")
                .forEach(example -> types.add(example.path("value").path("type").asText()));
        return types;
    }

    /** A request to order-service as the admin client. */
    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(BourseStack.baseUrl(stack.order()) + path))
                .header("Authorization", "Bearer " + stack.tokens().of("admin"));
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer as it came, so that one that is not JSON at all (an HTML error page) fails as such. */
    private record Answer(int status, HttpHeaders headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String detail() {
            return json().path("detail").asText();
        }

        void isProblem(int expectedStatus, String type) {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(headers.firstValue("Content-Type").orElse("")).as(body).startsWith(PROBLEM_JSON);
            JsonNode problem = json();
            assertThat(problem.path("type").asText()).isEqualTo(PROBLEM + type);
            assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank()
                    .doesNotContain("java.", "Exception", "org.springframework", "io.bourse", "tools.jackson");
        }
    }
}
