package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operator's side, through actuator on the real stack, as an admin would use it: processors and their lag,
 * pausing and replaying, dead letters of a failing handler, stuck sagas, the command bus, metrics, probes and info.
 */
class OperationsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    static BourseStack stack;
    static Trading trading;
    static Http order;
    static Http portfolio;
    static Http settlement;
    static String symbol;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() {
        stack = new BourseStack(Map.of(
                        // Retries only when the test asks, and every saga without a known lifetime overdue at once.
                        "bourse.operations.dead-letters.retry-every", "1h",
                        "bourse.operations.sagas.max-open", "1s"),
                Map.of("portfolio", List.of(DepositLedger.class), "settlement", List.of(SettlementWatch.class)));
        trading = new Trading(stack);
        order = stack.http(stack.order());
        portfolio = stack.http(stack.portfolio());
        settlement = stack.http(stack.settlement());
        symbol = Trading.newSymbol();
        trading.list(symbol);
        alice = trading.openAccount("alice", "USD", "100000.00");
        bob = trading.openAccount("bob", symbol, "100");
        await().atMost(WAIT).until(() ->
                trading.balance(alice, "USD").getOrDefault("available", BigDecimal.ZERO).signum() > 0
                        && trading.balance(bob, symbol).getOrDefault("available", BigDecimal.ZERO).signum() > 0);
        for (int i = 0; i < 3; i++) {
            trading.awaitStatus(trading.limit(bob, symbol, "SELL", 2, "10.00"), "OPEN");
        }
        trading.awaitStatus(trading.limit(alice, symbol, "BUY", 3, "10.00"), "FILLED");
        trading.awaitStatus(trading.limit(alice, symbol, "BUY", 1, "9.00"), "OPEN");
        await().atMost(WAIT).until(() -> settlements(alice).size() == 2
                && settlements(alice).stream().allMatch(s -> s.path("status").asText().equals("SETTLED")));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static List<JsonNode> settlements(String accountId) {
        List<JsonNode> all = new ArrayList<>();
        settlement.get("/api/v1/settlements?accountId=" + accountId).body().forEach(all::add);
        return all;
    }

    private static JsonNode processor(Http service, String name) {
        Http.Response answer = service.get("/actuator/eventprocessors/" + name);
        assertThat(answer.status()).as(name).isEqualTo(200);
        return answer.body();
    }

    private static Http.Response act(Http service, String endpoint, String json) {
        return service.post("/actuator/" + endpoint, json);
    }

    private static void awaitCaughtUp(Http service, String name) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode status = processor(service, name);
            assertThat(status.path("running").asBoolean()).as(name + " running").isTrue();
            assertThat(status.path("replaying").asBoolean()).as(name + " replaying").isFalse();
            assertThat(status.path("caughtUp").asBoolean()).as(name + " caught up").isTrue();
            assertThat(status.path("lag").asLong(-1)).as(name + " lag").isZero();
        });
    }

    @Test
    void everyProcessorShowsItsSegmentsPositionAndLag() {
        Map<String, JsonNode> processors = new LinkedHashMap<>();
        order.get("/actuator/eventprocessors").body().fields()
                .forEachRemaining(entry -> processors.put(entry.getKey(), entry.getValue()));
        assertThat(processors).containsKeys("order-views", "placement", "kafka-event-forwarder");
        awaitCaughtUp(order, "order-views");
        JsonNode views = processor(order, "order-views");
        assertThat(views.path("type").asText()).isEqualTo("tracking");
        assertThat(views.path("source").asText()).isEqualTo("event store");
        assertThat(views.path("replayable").asBoolean()).isTrue();
        assertThat(views.path("deadLetters").asLong(-1)).isZero();
        JsonNode segment = views.path("segments").get(0);
        assertThat(segment.path("claimedHere").asBoolean()).isTrue();
        assertThat(segment.path("owner").asText()).isNotBlank();
        assertThat(segment.path("position").asLong()).isPositive().isEqualTo(segment.path("head").asLong());
        // The forwarder has no dead-letter queue: its events must reach Kafka in order.
        assertThat(processor(order, "kafka-event-forwarder").path("deadLetters").isNull()).isTrue();
        // settlement-service reads trades from Kafka: its position counts the records of the topic's partitions.
        awaitCaughtUp(settlement, "settlement-start");
        assertThat(processor(settlement, "settlement-start").path("source").asText()).isEqualTo("kafka");
        assertThat(processor(settlement, "settlement-start").path("segments").get(0).path("head").asLong())
                .isPositive();
        assertThat(order.get("/actuator/eventprocessors/no-such-processor").status()).isEqualTo(404);
    }

    @Test
    void lagRisesWhileAProcessorIsBehindAndFallsWhenItCatchesUp() {
        assertThat(act(order, "eventprocessors/order-views", "{\"action\":\"pause\"}").status()).isEqualTo(200);
        try {
            assertThat(processor(order, "order-views").path("running").asBoolean()).isFalse();
            trading.limit(alice, symbol, "BUY", 1, "5.00");
            await().atMost(WAIT).until(() -> processor(order, "order-views").path("lag").asLong() >= 1);
            long before = processor(order, "order-views").path("lag").asLong();
            for (int i = 0; i < 5; i++) {
                trading.limit(alice, symbol, "BUY", 1, (i + 1) + ".50");
            }
            await().atMost(WAIT).until(() -> processor(order, "order-views").path("lag").asLong() >= before + 5);
            assertThat(gauge(order, "bourse_processor_lag", "processor=\"order-views\"")).isGreaterThan(before);
        } finally {
            assertThat(act(order, "eventprocessors/order-views", "{\"action\":\"resume\"}").status())
                    .isEqualTo(200);
        }
        awaitCaughtUp(order, "order-views");
        await().atMost(WAIT).until(() -> gauge(order, "bourse_processor_lag", "processor=\"order-views\"") == 0);
    }

    @Test
    void aReplayRebuildsEachReadModelEqualToTheLiveOne() {
        awaitCaughtUp(order, "order-views");
        awaitCaughtUp(portfolio, "accounts");
        awaitCaughtUp(settlement, "settlements");
        Map<String, JsonNode> live = readModels();
        // The models are damaged first, so only a real rebuild from the event stores can give the live answers back.
        stack.order().getBean(JdbcTemplate.class).update("delete from trades");
        stack.order().getBean(JdbcTemplate.class).update("update orders set status = 'CANCELLED'");
        stack.portfolio().getBean(JdbcTemplate.class).update("delete from balance_view");
        stack.settlement().getBean(JdbcTemplate.class).update("delete from settlements");
        assertThat(readModels()).isNotEqualTo(live);

        for (Map.Entry<Http, String> replay : Map.of(order, "order-views", portfolio, "accounts", settlement,
                "settlements").entrySet()) {
            Http.Response answer = act(replay.getKey(), "eventprocessors/" + replay.getValue(),
                    "{\"action\":\"replay\"}");
            assertThat(answer.status()).as(replay.getValue()).isEqualTo(200);
            awaitCaughtUp(replay.getKey(), replay.getValue());
        }
        assertThat(readModels()).isEqualTo(live);
    }

    private static Map<String, JsonNode> readModels() {
        Map<String, JsonNode> models = new LinkedHashMap<>();
        for (String account : List.of(alice, bob)) {
            models.put("orders " + account, order.get("/api/v1/orders?accountId=" + account + "&limit=1000").body());
            models.put("trades " + account, order.get("/api/v1/trades?accountId=" + account + "&limit=1000").body());
            models.put("account " + account, portfolio.get("/api/v1/accounts/" + account).body());
            models.put("settlements " + account,
                    settlement.get("/api/v1/settlements?accountId=" + account + "&limit=1000").body());
        }
        models.put("tape", order.get("/api/v1/trades?symbol=" + symbol + "&limit=1000").body());
        models.put("instruments", order.get("/api/v1/instruments").body());
        return models;
    }

    @Test
    void processorsWithEffectsOutsideTheirModelRefuseAReplay() {
        Http.Response refused = act(order, "eventprocessors/placement", "{\"action\":\"replay\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("type")).isEqualTo("urn:bourse:problem:replay-not-allowed");
        assertThat(processor(order, "placement").path("running").asBoolean()).isTrue();
        assertThat(act(order, "eventprocessors/placement", "{\"action\":\"rewind\"}").status()).isEqualTo(400);
    }

    @Test
    void aPoisonEventIsParkedWithItsAggregatesLaterEventsWhileOthersGoOnAndARetryAfterTheFixHandlesThem() {
        String victim = trading.openAccount("carol", null, null);
        String other = trading.openAccount("carol", null, null);
        DepositLedger.POISONED.add(victim);
        trading.deposit(victim, "USD", "1.00");
        trading.deposit(other, "USD", "7.00");
        trading.deposit(victim, "USD", "2.00");
        await().atMost(WAIT).until(() -> DepositLedger.BOOKED.contains(other + " 7"));
        await().atMost(WAIT).until(() -> portfolio.get("/actuator/deadletters").body()
                .path(DepositLedger.GROUP).asLong() == 2);
        // The account's own read model is another processing group: it is not held up.
        assertThat(trading.balance(victim, "USD").get("total")).isEqualByComparingTo("3.00");

        JsonNode parked = portfolio.get("/actuator/deadletters/" + DepositLedger.GROUP).body();
        assertThat(parked.path("parked").asLong()).isEqualTo(2);
        JsonNode first = parked.path("letters").get(0);
        JsonNode second = parked.path("letters").get(1);
        assertThat(first.path("sequence").asText()).isEqualTo(victim);
        assertThat(second.path("sequence").asText()).isEqualTo(victim);
        assertThat(first.path("index").asLong()).isLessThan(second.path("index").asLong());
        assertThat(first.path("payloadType").asText()).endsWith("AssetDeposited");
        assertThat(first.path("causeMessage").asText()).contains("cannot book a deposit of " + victim);
        assertThat(first.path("payload").asText()).contains("\"amount\":1.00", victim);
        assertThat(gauge(portfolio, "bourse_deadletters", "group=\"" + DepositLedger.GROUP + "\"")).isEqualTo(2);

        // Retried before the fix: still parked, one retry counted.
        JsonNode unfixed = act(portfolio, "deadletters/" + DepositLedger.GROUP, "{\"action\":\"retry\"}").body();
        assertThat(unfixed.path("tried").asInt()).isEqualTo(1);
        assertThat(unfixed.path("handled").asInt()).isZero();
        assertThat(unfixed.path("stillParked").asLong()).isEqualTo(2);
        assertThat(portfolio.get("/actuator/deadletters/" + DepositLedger.GROUP).body().path("letters").get(0)
                .path("diagnostics").asText()).contains("\"retries\":1");
        assertThat(DepositLedger.BOOKED).noneMatch(booked -> booked.startsWith(victim));

        DepositLedger.POISONED.remove(victim);
        JsonNode fixed = act(portfolio, "deadletters/" + DepositLedger.GROUP, "{\"action\":\"retry\"}").body();
        assertThat(fixed.path("handled").asInt()).isEqualTo(1);
        assertThat(fixed.path("stillParked").asLong()).isZero();
        assertThat(DepositLedger.BOOKED.stream().filter(booked -> booked.startsWith(victim)).toList())
                .containsExactly(victim + " 1", victim + " 2");
        // Later events of the account are handled directly again.
        trading.deposit(victim, "USD", "3.00");
        await().atMost(WAIT).until(() -> DepositLedger.BOOKED.contains(victim + " 3"));
    }

    @Test
    void anOperatorMayGiveUpOnOneLetter() {
        String account = trading.openAccount("carol", null, null);
        DepositLedger.POISONED.add(account);
        trading.deposit(account, "USD", "4.00");
        await().atMost(WAIT).until(() -> portfolio.get("/actuator/deadletters/" + DepositLedger.GROUP).body()
                .path("letters").findValuesAsText("sequence").contains(account));
        String letterId = null;
        for (JsonNode letter : portfolio.get("/actuator/deadletters/" + DepositLedger.GROUP).body().path("letters")) {
            if (letter.path("sequence").asText().equals(account)) {
                letterId = letter.path("letterId").asText();
            }
        }
        assertThat(act(portfolio, "deadletters/" + DepositLedger.GROUP, "{\"action\":\"evict\"}").status())
                .isEqualTo(400);
        JsonNode evicted = act(portfolio, "deadletters/" + DepositLedger.GROUP,
                "{\"action\":\"evict\",\"letterId\":\"" + letterId + "\"}").body();
        assertThat(evicted.path("evicted").asInt()).isEqualTo(1);
        DepositLedger.POISONED.remove(account);
        assertThat(portfolio.get("/actuator/deadletters/" + DepositLedger.GROUP).body().path("letters")
                .findValuesAsText("sequence")).doesNotContain(account);
        assertThat(DepositLedger.BOOKED).noneMatch(booked -> booked.startsWith(account));
    }

    @Test
    void openSagasShowTheirAgeAssociationsAndStateAndStuckOnesAreListed() {
        String watch = SettlementWatch.class.getName();
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode sagas = settlement.get("/actuator/sagas").body();
            assertThat(sagas.path(watch).path("open").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(sagas.path(watch).path("overdue").size()).isGreaterThanOrEqualTo(2);
            // Every trade settled, so no settlement saga is open.
            JsonNode settlements = sagas.path("io.bourse.settlement.trade.TradeSettlementSaga");
            assertThat(settlements.path("open").asLong(-1)).isZero();
            assertThat(settlements.path("maxOpen").asText()).isEqualTo("PT10M");
        });
        JsonNode type = settlement.get("/actuator/sagas").body().path(watch);
        assertThat(type.path("maxOpen").asText()).isEqualTo("PT1S");
        assertThat(type.path("oldestStartedAt").asText()).isNotBlank();
        String sagaId = type.path("overdue").get(0).path("sagaId").asText();
        JsonNode saga = settlement.get("/actuator/sagas/" + sagaId).body();
        assertThat(saga.path("type").asText()).isEqualTo(watch);
        String tradeId = saga.path("associations").get(0).path("value").asText();
        assertThat(saga.path("associations").get(0).path("key").asText()).isEqualTo("tradeId");
        assertThat(tradeId).startsWith(symbol);
        assertThat(saga.path("state").asText()).contains(tradeId);
        assertThat(settlement.get("/actuator/sagas/no-such-saga").status()).isEqualTo(404);
        assertThat(gauge(settlement, "bourse_sagas_open", "type=\"SettlementWatch\"")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theCommandBusCountsWhatWentToEachService() {
        JsonNode bus = order.get("/actuator/commandbus").body();
        assertThat(bus.path("replyTimeoutMillis").asLong()).isPositive();
        JsonNode toPortfolio = bus.path("destinations").fields().next().getValue();
        assertThat(bus.path("destinations").fieldNames().next()).startsWith("portfolio");
        assertThat(toPortfolio.path("sent").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(toPortfolio.path("succeeded").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(toPortfolio.path("timedOut").asLong()).isZero();
        assertThat(bus.path("writer").has("queued")).isTrue();
        assertThat(gauge(order, "bourse_commands_sent_total", "destination=\"portfolio")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void metricsAreTaggedAndCarryTheBusinessCountersAndHistograms() {
        String metrics = order.get("/actuator/prometheus").body().asText();
        assertThat(metrics).contains("service=\"order-service\"");
        assertThat(gauge(order, "bourse_orders_total", "outcome=\"filled\"")).isGreaterThanOrEqualTo(1);
        assertThat(gauge(order, "bourse_orders_total", "outcome=\"placed\"")).isGreaterThanOrEqualTo(5);
        assertThat(gauge(order, "bourse_trades_total", "symbol=\"" + symbol + "\"")).isGreaterThanOrEqualTo(2);
        // Handling times per component and payload type, as histograms.
        assertThat(gauge(order, "bourse_messages_handled_seconds_count",
                "component=\"order-views\",outcome=\"success\",payload_type=\"OrderPlaced\""))
                .isGreaterThanOrEqualTo(5);
        assertThat(gauge(order, "bourse_messages_handled_seconds_count",
                "component=\"commandBus\",outcome=\"success\",payload_type=\"PlaceOrder\"")).isGreaterThanOrEqualTo(5);
        assertThat(metrics).containsPattern("bourse_messages_handled_seconds_bucket\\{[^}]*component=\"placement\"");
        assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{");
        assertThat(gauge(settlement, "bourse_settlements_total", "status=\"settled\"")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void readinessNeedsTheDatabaseAndKafkaLivenessNeither() {
        JsonNode ready = order.get("/actuator/health/readiness").body();
        assertThat(ready.path("status").asText()).isEqualTo("UP");
        assertThat(ready.path("components").has("db")).isTrue();
        assertThat(ready.path("components").has("kafka")).isTrue();
        JsonNode live = order.get("/actuator/health/liveness").body();
        assertThat(live.path("components").has("db")).isFalse();
        assertThat(live.path("components").has("kafka")).isFalse();
    }

    @Test
    void infoSaysWhatIsRunning() {
        JsonNode info = order.get("/actuator/info").body();
        assertThat(info.path("build").path("artifact").asText()).isEqualTo("order-service");
        assertThat(info.path("build").path("version").asText()).isNotBlank();
        assertThat(info.path("git").path("commit").path("id").asText()).isNotBlank();
        assertThat(info.path("java").path("version").asText()).isNotBlank();
    }

    @Test
    void tradersMayNotUseTheOperatorEndpoints() {
        Http asAlice = order.as("alice");
        for (String endpoint : List.of("eventprocessors", "deadletters", "sagas", "commandbus", "prometheus")) {
            assertThat(asAlice.get("/actuator/" + endpoint).status()).as(endpoint).isEqualTo(403);
        }
        assertThat(act(asAlice, "eventprocessors/order-views", "{\"action\":\"pause\"}").status()).isEqualTo(403);
        assertThat(processor(order, "order-views").path("running").asBoolean()).isTrue();
    }

    /** The value of the first sample of a metric whose labels contain {@code label}. */
    private static double gauge(Http service, String metric, String label) {
        String metrics = service.get("/actuator/prometheus").body().asText();
        Matcher sample = Pattern.compile("(?m)^" + metric + "\\{([^}]*)\\} (\\S+)").matcher(metrics);
        while (sample.find()) {
            if (sample.group(1).contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("no " + metric + " with " + label + " in\n" + metrics);
    }
}
