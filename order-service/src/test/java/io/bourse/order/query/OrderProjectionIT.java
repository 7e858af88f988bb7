package io.bourse.order.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.events.order.AcceptOrder;
import io.bourse.events.order.CancelOrder;
import io.bourse.events.order.ListInstrument;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.PlaceOrder;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import io.bourse.order.OrderServiceApplication;
import io.bourse.order.OrderStatus;
import io.bourse.platform.testing.ProcessorReplay;
import io.bourse.platform.testing.ServiceUnderTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The orders and trades tables on the real event store and database: orders that rest, fill in parts, fill, are
 * cancelled or are never accepted; and the same tables when the processor reads the whole history again, over the
 * rows it wrote (every event a redelivery) and from nothing (a rebuild in one batch).
 */
class OrderProjectionIT {

    private static final String SYMBOL = "PROJ";
    private static final Instant AT = Instant.parse("2026-03-02T09:30:00Z");

    private static ConfigurableApplicationContext service;
    private static JdbcTemplate database;

    @BeforeAll
    static void trade() {
        // No portfolio answers here: the test accepts orders itself, and the unanswered holds outlast the test.
        service = ServiceUnderTest.start(OrderServiceApplication.class, OrderServiceApplication.CONFIG_NAME, "order",
                Map.of("bourse.messaging.command-timeout", "10m"));
        database = service.getBean(JdbcTemplate.class);
        CommandGateway commands = ServiceUnderTest.adminCommands(service);

        commands.sendAndWait(new ListInstrument(SYMBOL, new BigDecimal("0.01"), AT));
        placeAndAccept(commands, "s-1", "seller", Side.SELL, 10, "100.00");
        placeAndAccept(commands, "b-1", "buyer", Side.BUY, 4, "101.00");
        placeAndAccept(commands, "b-2", "buyer", Side.BUY, 6, "100.50");
        placeAndAccept(commands, "r-1", "buyer", Side.BUY, 3, "90.00");
        commands.sendAndWait(new CancelOrder(SYMBOL, "r-1", AT));
        commands.sendAndWait(place("n-1", "buyer", Side.BUY, 1, "90.00"));

        await().atMost(Duration.ofSeconds(30)).until(() -> database.queryForObject(
                "select count(*) from orders where order_id = 'n-1' or (order_id = 'r-1' and status = 'CANCELLED')",
                Long.class) == 2);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void showsEachOrdersStatusFillsAndTrades() {
        assertThat(rows()).containsExactly(
                // order | status | filled | remaining | average fill price | cancel reason
                "b-1 | FILLED | 4 | 0 | 100 | null",
                "b-2 | FILLED | 6 | 0 | 100 | null",
                "n-1 | NEW | 0 | 1 | null | null",
                "r-1 | CANCELLED | 0 | 0 | null | CLIENT",
                "s-1 | FILLED | 10 | 0 | 100 | null",
                // trade | buy | sell | quantity | price
                "trade | b-1 | s-1 | 4 | 100",
                "trade | b-2 | s-1 | 6 | 100");
    }

    @Test
    void readingTheHistoryAgainChangesNothingAndRebuildsTheSameTables() {
        List<String> live = rows();

        ProcessorReplay.replay(service, OrderProjection.PROCESSING_GROUP, List.of());
        assertThat(rows()).as("every event delivered again").isEqualTo(live);

        ProcessorReplay.replay(service, OrderProjection.PROCESSING_GROUP, List.of("trades", "orders"));
        assertThat(rows()).as("rebuilt from the events alone").isEqualTo(live);
    }

    @Test
    void aBatchThatLeavesAnOrderReadingAsBeforeTellsTheStreamsNothingOfIt() {
        List<List<String>> told = new ArrayList<>();
        OrderViewChanges streams = new OrderViewChanges() {
            @Override
            public void written(Set<String> symbols, Collection<String> orderIds, List<TradeView> trades) {
                told.add(List.copyOf(orderIds));
            }

            @Override
            public void rebuilding() {
            }
        };
        new TransactionTemplate(service.getBean(PlatformTransactionManager.class)).executeWithoutResult(tx -> {
            long filled = lastSequence("b-1");
            long waiting = lastSequence("n-1");
            OrderRows rows = new OrderRows(database, streams);
            // A hold given back after the fill moves only the sequence; the fill's end told again changes nothing.
            rows.change("b-1", filled + 1, order -> { });
            rows.change("b-1", filled + 2, order -> order.finished(OrderStatus.FILLED, null, AT));
            rows.change("n-1", waiting + 1, order -> order.accepted(AT.plusSeconds(5)));
            rows.write();
            assertThat(lastSequence("b-1")).as("the row still moves on").isEqualTo(filled + 2);
            tx.setRollbackOnly();
        });

        assertThat(told).containsExactly(List.of("n-1"));
    }

    private static long lastSequence(String orderId) {
        return database.queryForObject("select last_sequence from orders where order_id = ?", Long.class, orderId);
    }

    private static void placeAndAccept(CommandGateway commands, String orderId, String account, Side side,
                                       long quantity, String price) {
        commands.sendAndWait(place(orderId, account, side, quantity, price));
        commands.sendAndWait(new AcceptOrder(SYMBOL, orderId, orderId, AT));
    }

    private static PlaceOrder place(String orderId, String account, Side side, long quantity, String price) {
        return new PlaceOrder(SYMBOL, orderId, account, side, OrderType.LIMIT, TimeInForce.GTC, quantity,
                new BigDecimal(price), null, AT);
    }

    private static List<String> rows() {
        List<String> rows = new ArrayList<>(database.query("""
                select order_id, status, filled_quantity, remaining_quantity, average_fill_price, cancel_reason
                from orders order by order_id""",
                (rs, n) -> String.join(" | ", rs.getString("order_id"), rs.getString("status"),
                        String.valueOf(rs.getLong("filled_quantity")), String.valueOf(rs.getLong("remaining_quantity")),
                        plain(rs.getBigDecimal("average_fill_price")), String.valueOf(rs.getString("cancel_reason")))));
        rows.addAll(database.query("select * from trades order by buy_order_id",
                (rs, n) -> String.join(" | ", "trade", rs.getString("buy_order_id"), rs.getString("sell_order_id"),
                        String.valueOf(rs.getLong("quantity")), plain(rs.getBigDecimal("price")))));
        return rows;
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "null" : amount.stripTrailingZeros().toPlainString();
    }
}
