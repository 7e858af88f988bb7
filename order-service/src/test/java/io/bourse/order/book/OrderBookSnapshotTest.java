package io.bourse.order.book;

import static io.bourse.order.book.OrderBookTest.LATER;
import static io.bourse.order.book.OrderBookTest.LISTED;
import static io.bourse.order.book.OrderBookTest.SYMBOL;
import static io.bourse.order.book.OrderBookTest.accepted;
import static io.bourse.order.book.OrderBookTest.buy;
import static io.bourse.order.book.OrderBookTest.placed;
import static io.bourse.order.book.OrderBookTest.rejected;
import static io.bourse.order.book.OrderBookTest.requested;
import static io.bourse.order.book.OrderBookTest.rested;
import static io.bourse.order.book.OrderBookTest.sell;
import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.events.order.AcceptOrder;
import io.bourse.events.order.CancelOrder;
import io.bourse.events.order.CancelReason;
import io.bourse.events.order.OrderCancelled;
import io.bourse.events.order.OrderFilled;
import io.bourse.events.order.PlaceOrder;
import io.bourse.events.order.RejectReason;
import io.bourse.events.order.Side;
import io.bourse.events.order.ReservationReleaseDue;
import io.bourse.events.order.ReservationRequested;
import io.bourse.events.order.TradeExecuted;
import io.bourse.order.OrderStatus;
import io.bourse.platform.serialization.Serialization;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

/** A book loaded from a snapshot must decide exactly as the book sourced from its events would. */
class OrderBookSnapshotTest {

    private final Serializer serializer = Serialization.serializer();

    @Test
    void aBookRestoredFromItsSnapshotKeepsItsOrdersAndHandlesTheNextCommand() {
        PlaceOrder bid = buy("b-1", 5, "100.00");
        PlaceOrder betterBid = buy("b-2", 3, "100.50");
        PlaceOrder refused = buy("b-3", 1, "99.00");
        PlaceOrder ask = sell("s-1", 2, "103.00");
        PlaceOrder pending = sell("s-2", 4, "102.00");
        AtomicReference<OrderBook> live = new AtomicReference<>();
        FixtureConfiguration<OrderBook> sourced = OrderBookTest.fixture();
        sourced.given(LISTED, placed(bid), placed(betterBid), placed(refused), placed(ask), accepted(bid), rested(bid),
                        accepted(ask), rested(ask), rejected(refused, RejectReason.INSUFFICIENT_FUNDS))
                .when(new AcceptOrder(SYMBOL, "b-2", "b-2", LATER))
                .expectEvents(accepted(betterBid), rested(betterBid))
                .expectState(live::set);

        SerializedObject<byte[]> snapshot = serializer.serialize(live.get(), byte[].class);
        OrderBook restored = serializer.deserialize(snapshot);

        assertThat(restored.restingOrders(Side.BUY)).containsExactly("b-2", "b-1");
        assertThat(restored.restingOrders(Side.SELL)).containsExactly("s-1");
        // The order index is not written; asking for an order by id rebuilds it from the price levels.
        assertThat(restored.matchingBook().restingQuantity("b-1")).isEqualTo(5);
        assertThat(restored).usingRecursiveComparison().isEqualTo(live.get());

        FixtureConfiguration<OrderBook> fromSnapshot = new AggregateTestFixture<>(OrderBook.class);
        // The fixture loads the given snapshot instance more than once to check for state changes outside event
        // handlers; a real store deserializes a new instance per load, so the check does not apply here.
        fromSnapshot.setReportIllegalStateChange(false);
        fromSnapshot.given(snapshotMessage(serializer.deserialize(snapshot)), placed(pending))
                .when(new AcceptOrder(SYMBOL, "s-2", "s-2", LATER))
                .expectEvents(accepted(pending), rested(pending))
                .expectState(book -> {
                    assertThat(book.restingOrders(Side.SELL)).containsExactly("s-2", "s-1");
                    assertThat(book.restingOrders(Side.BUY)).containsExactly("b-2", "b-1");
                });
        fromSnapshot.given(snapshotMessage(serializer.deserialize(snapshot)))
                .when(refused)
                .expectNoEvents()
                .expectResultMessagePayload(new PlacementResult("b-3", OrderStatus.REJECTED));
    }

    @Test
    void aBookRestoredFromItsSnapshotFillsAndCancelsTheOrdersItRestoredByTheirIds() {
        PlaceOrder bid = buy("b-1", 5, "100.00");
        PlaceOrder betterBid = buy("b-2", 3, "100.50");
        PlaceOrder crossingAsk = sell("s-1", 4, "100.00");
        AtomicReference<OrderBook> live = new AtomicReference<>();
        FixtureConfiguration<OrderBook> sourced = OrderBookTest.fixture();
        // Holds are requested under the order ids, as the book does; the trades name them.
        sourced.given(LISTED, placed(bid), requested(bid, "500.00"), accepted(bid), rested(bid), placed(betterBid),
                        requested(betterBid, "301.50"))
                .when(new AcceptOrder(SYMBOL, "b-2", "b-2", LATER))
                .expectEvents(accepted(betterBid), rested(betterBid))
                .expectState(live::set);
        SerializedObject<byte[]> snapshot = serializer.serialize(live.get(), byte[].class);

        FixtureConfiguration<OrderBook> fromSnapshot = new AggregateTestFixture<>(OrderBook.class);
        fromSnapshot.setReportIllegalStateChange(false);
        fromSnapshot.given(snapshotMessage(serializer.deserialize(snapshot)), placed(crossingAsk),
                        new ReservationRequested(SYMBOL, "s-1", "bob", "s-1", SYMBOL, new BigDecimal("4")))
                .when(new AcceptOrder(SYMBOL, "s-1", "s-1", LATER))
                .expectEvents(accepted(crossingAsk),
                        new TradeExecuted(SYMBOL, "ACME-1", "b-2", "s-1", "alice", "bob", "b-2", "s-1",
                                new BigDecimal("100.50"), 3, Side.SELL, LATER),
                        new OrderFilled(SYMBOL, "b-2", "alice", LATER),
                        new TradeExecuted(SYMBOL, "ACME-2", "b-1", "s-1", "alice", "bob", "b-1", "s-1",
                                new BigDecimal("100.00"), 1, Side.SELL, LATER),
                        new OrderFilled(SYMBOL, "s-1", "bob", LATER))
                .expectState(book -> {
                    assertThat(book.restingOrders(Side.BUY)).containsExactly("b-1");
                    assertThat(book.matchingBook().restingQuantity("b-1")).isEqualTo(4);
                });
        fromSnapshot.given(snapshotMessage(serializer.deserialize(snapshot)))
                .when(new CancelOrder(SYMBOL, "b-1", LATER))
                .expectEvents(new OrderCancelled(SYMBOL, "b-1", "alice", CancelReason.CLIENT, LATER),
                        // The snapshot kept the hold of the cancelled order, so it is given back.
                        new ReservationReleaseDue(SYMBOL, "b-1", "alice", "b-1", "USD", new BigDecimal("500.00")))
                .expectState(book -> assertThat(book.restingOrders(Side.BUY)).containsExactly("b-2"));
    }

    private static GenericDomainEventMessage<OrderBook> snapshotMessage(OrderBook book) {
        return new GenericDomainEventMessage<>("OrderBook", SYMBOL, 9, book);
    }

    @Test
    void thePlacementResultCrossesTheWire() {
        PlacementResult result = new PlacementResult("o-1", OrderStatus.NEW);
        Object copy = serializer.deserialize(serializer.serialize(result, byte[].class));
        assertThat(copy).isEqualTo(result);
    }
}
