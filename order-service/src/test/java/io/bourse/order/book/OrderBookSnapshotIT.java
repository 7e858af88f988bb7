package io.bourse.order.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bourse.events.DomainException;
import io.bourse.events.order.ListInstrument;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.PlaceOrder;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import io.bourse.infrastructure.TestInfrastructure;
import io.bourse.order.OrderServiceApplication;
import io.bourse.order.OrderStatus;
import io.bourse.platform.testing.ServiceUnderTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An order book with thousands of events, on the real event store: it is snapshotted, and after a restart with every
 * event the snapshot covers deleted, the book still knows its orders; it can only have them from the snapshot.
 */
class OrderBookSnapshotIT {

    private static final String SYMBOL = "SNAP";
    private static final int ORDERS = 1500;
    private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void aBookWithThousandsOfEventsLoadsFromItsSnapshot() {
        Map<String, String> infrastructure = TestInfrastructure.shared().springProperties("orderbook");
        String service = "order" + UUID.randomUUID().toString().substring(0, 8);
        String url;
        JdbcTemplate database;
        long covered;
        try (ConfigurableApplicationContext before = start(infrastructure, service, null)) {
            url = before.getEnvironment().getRequiredProperty("spring.datasource.url");
            database = new JdbcTemplate(new DriverManagerDataSource(url,
                    infrastructure.get("spring.datasource.username"), infrastructure.get("spring.datasource.password")));
            CommandGateway commands = ServiceUnderTest.adminCommands(before);
            commands.sendAndWait(new ListInstrument(SYMBOL, new BigDecimal("0.01"), AT));
            for (int i = 0; i < ORDERS; i++) {
                commands.sendAndWait(order("o-" + i, 1 + i % 7));
            }
            assertThat(database.queryForObject(
                    "select count(*) from domain_event_entry where aggregate_identifier = ?", Long.class, SYMBOL))
                    .isGreaterThan(2L * ORDERS);
            covered = await().atMost(Duration.ofSeconds(60)).until(() -> database.queryForObject(
                    "select coalesce(max(sequence_number), -1) from snapshot_event_entry where aggregate_identifier = ?",
                    Long.class, SYMBOL), sequence -> sequence > 2000);
        }
        int deleted = database.update(
                "delete from domain_event_entry where aggregate_identifier = ? and sequence_number <= ?", SYMBOL, covered);
        assertThat(deleted).isEqualTo(covered + 1);

        try (ConfigurableApplicationContext after = start(infrastructure, service, url)) {
            CommandGateway commands = ServiceUnderTest.adminCommands(after);
            // The first order's events are gone: only the snapshot can know it, with its content and status.
            PlacementResult repeat = commands.sendAndWait(order("o-0", 1));
            assertThat(repeat.status()).isEqualTo(OrderStatus.NEW);
            assertThatThrownBy(() -> commands.sendAndWait(order("o-0", 2)))
                    .isInstanceOf(DomainException.class).hasMessageContaining("different content");
            PlacementResult next = commands.sendAndWait(order("o-new", 3));
            assertThat(next.status()).isEqualTo(OrderStatus.NEW);
        }
    }

    private static PlaceOrder order(String orderId, long quantity) {
        return new PlaceOrder(SYMBOL, orderId, "acc-" + orderId, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, quantity,
                new BigDecimal("10.00"), null, AT);
    }

    private static ConfigurableApplicationContext start(Map<String, String> infrastructure, String service,
                                                        String databaseUrl) {
        Map<String, String> properties = new LinkedHashMap<>(infrastructure);
        if (databaseUrl != null) {
            properties.put("spring.datasource.url", databaseUrl);
        }
        properties.put("spring.config.name", OrderServiceApplication.CONFIG_NAME);
        properties.put("server.port", "0");
        properties.put("bourse.messaging.service", service);
        properties.put("bourse.snapshots.order-book.threshold", "500");
        // No portfolio answers here: with a reply timeout longer than the test, every order stays NEW.
        properties.put("bourse.messaging.command-timeout", "10m");
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(OrderServiceApplication.class).run(args);
    }
}
