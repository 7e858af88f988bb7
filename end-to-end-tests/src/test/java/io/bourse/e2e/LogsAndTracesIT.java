package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What an operator follows an order by, on the real stack: the trace a client starts (its {@code traceparent}) runs
 * through order-service, portfolio-service and settlement-service, whose spans reach a collector by OTLP; every
 * response names its trace and request id; the request id is in the messages the request causes; and a client's
 * mistake (a 404) leaves an access log line, not a stack trace.
 * <p>
 * The services sample none of the traces they start themselves, so every span the collector gets belongs to a trace
 * a caller asked to be sampled.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogsAndTracesIT {

    static OtlpReceiver collector;
    static BourseStack stack;
    static Trading trading;
    static Http orders;
    static Http portfolios;
    static String symbol;
    static String buyer;
    static String seller;

    @BeforeAll
    static void start() {
        collector = new OtlpReceiver();
        stack = new BourseStack(Map.of(
                "management.opentelemetry.tracing.export.otlp.endpoint", collector.endpoint(),
                "management.opentelemetry.tracing.export.schedule-delay", "200ms",
                "management.tracing.sampling.probability", "0.0"));
        trading = new Trading(stack);
        orders = stack.http(stack.order());
        portfolios = stack.http(stack.portfolio());
        symbol = Trading.newSymbol();
        trading.list(symbol);
        buyer = trading.openAccount("alice", "USD", "10000.00");
        seller = trading.openAccount("carol", symbol, "100");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                trading.balance(buyer, "USD").getOrDefault("available", BigDecimal.ZERO).signum() > 0
                        && trading.balance(seller, symbol).getOrDefault("available", BigDecimal.ZERO).signum() > 0);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        collector.close();
    }

    @Test
    void aClientsTraceFollowsTheOrderThroughAllThreeServices() throws Exception {
        String sell = trading.limit(seller, symbol, "SELL", 4, "20.00");
        trading.awaitStatus(sell, "OPEN");
        String traceId = hex(16);
        String callersSpan = hex(8);

        Http.Response placed = orders.as("alice").post("/api/v1/orders", order(buyer, "BUY", 4, "20.00"),
                Map.of("traceparent", "00-" + traceId + "-" + callersSpan + "-01"));

        assertThat(placed.status()).isEqualTo(202);
        String answered = placed.headers().firstValue("traceparent").orElseThrow();
        assertThat(answered).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain(callersSpan);
        assertThat(placed.headers().firstValue("X-Request-Id")).get().asString().isNotBlank();
        String buy = placed.text("orderId");
        trading.awaitStatus(buy, "FILLED");
        String tradeId = orders.as("alice").get("/api/v1/trades?orderId=" + buy).body().get(0).path("tradeId")
                .asText();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                "SETTLED".equals(stack.http(stack.settlement()).get("/api/v1/settlements/" + tradeId).text("status")));

        // The request's span answers to the caller's; every service handled messages of the trace and said so.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<OtlpReceiver.ReceivedSpan> spans = collector.spansOf(traceId);
            assertThat(spans).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("order-service");
                assertThat(span.parentSpanId()).isEqualTo(callersSpan);
            });
            assertThat(spans).extracting(OtlpReceiver.ReceivedSpan::service)
                    .contains("order-service", "portfolio-service", "settlement-service");
            assertThat(spans).extracting(span -> span.service() + " " + span.name()).contains(
                    "order-service handle PlaceOrder", "portfolio-service handle ReserveFunds",
                    "order-service handle AcceptOrder", "settlement-service settlement-start TradeExecuted",
                    "portfolio-service handle SettleTradeLeg");
            // Each span's parent is a span of the trace, or the caller's: one tree, not pieces.
            List<String> ids = spans.stream().map(OtlpReceiver.ReceivedSpan::spanId).toList();
            assertThat(spans).allSatisfy(span -> assertThat(span.parentSpanId()).isIn(concat(ids, callersSpan)));
        });
        // The trace stays with what was stored, in each service's event store.
        assertThat(eventsMentioning(stack.order(), traceId)).isPositive();
        assertThat(eventsMentioning(stack.portfolio(), traceId)).isPositive();
        assertThat(eventsMentioning(stack.settlement(), traceId)).isPositive();
        // The seller's order was placed without a sampled trace: none of its messages made a span.
        assertThat(collector.spansOf(traceIdOfOrder(sell))).isEmpty();
    }

    @Test
    void theRequestIdIsTheCallersWhenSaneOtherwiseANewOneAndItGoesIntoTheCommands() throws Exception {
        String given = "client-" + UUID.randomUUID();
        Http.Response placed = orders.as("alice").post("/api/v1/orders", order(buyer, "BUY", 1, "1.00"),
                Map.of("X-Request-Id", given));
        assertThat(placed.status()).isEqualTo(202);
        assertThat(placed.headers().firstValue("X-Request-Id")).contains(given);
        assertThat(placed.headers().firstValue("traceparent")).get().asString().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
        trading.awaitDecided(placed.text("orderId"));
        assertThat(eventsMentioning(stack.order(), "\"requestId\":\"" + given + "\"")).isPositive();
        // The portfolio's hold was asked for over Kafka, still under the client's request id.
        assertThat(eventsMentioning(stack.portfolio(), "\"requestId\":\"" + given + "\"")).isPositive();

        for (String unfit : List.of("a b", "x".repeat(65), "<script>", "")) {
            Http.Response answered = orders.as("alice").get("/api/v1/orders/" + placed.text("orderId"),
                    Map.of("X-Request-Id", unfit));
            assertThat(answered.headers().firstValue("X-Request-Id")).get().asString()
                    .matches("[0-9a-f]{32}");
        }
    }

    @Test
    void anUnknownAccountIsA404WithAnAccessLogLineAndNoStackTrace(CapturedOutput output) {
        int from = output.getAll().length();
        String unknown = UUID.randomUUID().toString();

        Http.Response account = portfolios.as("alice").get("/api/v1/accounts/" + unknown);
        // order-service asks portfolio-service whose the account is, over Kafka.
        Http.Response ordersOfAccount = orders.as("alice").get("/api/v1/orders?accountId=" + unknown);

        assertThat(account.status()).isEqualTo(404);
        assertThat(ordersOfAccount.status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getAll().substring(from))
                .contains("GET /api/v1/accounts/" + unknown + " 404 ")
                .contains("GET /api/v1/orders 404 "));
        String logged = output.getAll().substring(from);
        assertThat(logged.lines()).noneMatch(line -> line.matches("\\s+at [\\w.$]+\\(.*\\)"))
                .noneMatch(line -> line.contains("AggregateNotFoundException") && line.contains("WARN"));
        assertThat(logged).doesNotContain("accountId=" + unknown);
    }

    private static String order(String accountId, String side, long quantity, String price) {
        return """
                {"accountId":"%s","symbol":"%s","side":"%s","type":"LIMIT","timeInForce":"GTC","quantity":%d,\
                "limitPrice":"%s"}""".formatted(accountId, symbol, side, quantity, price);
    }

    private static String traceIdOfOrder(String orderId) throws Exception {
        DataSource database = stack.order().getBean(DataSource.class);
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement("select convert_from(meta_data, 'UTF8')"
                     + " from domain_event_entry where payload_type like '%OrderPlaced'"
                     + " and convert_from(payload, 'UTF8') like ?")) {
            statement.setString(1, "%" + orderId + "%");
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                String metaData = rows.getString(1);
                int at = metaData.indexOf("\"traceparent\":\"00-");
                assertThat(at).as(metaData).isNotNegative();
                return metaData.substring(at + 18, at + 50);
            }
        }
    }

    private static int eventsMentioning(ConfigurableApplicationContext service, String text) throws Exception {
        DataSource database = service.getBean(DataSource.class);
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from domain_event_entry where convert_from(meta_data, 'UTF8') like ?")) {
            statement.setString(1, "%" + text + "%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static List<String> concat(List<String> ids, String extra) {
        return java.util.stream.Stream.concat(ids.stream(), java.util.stream.Stream.of(extra)).toList();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
