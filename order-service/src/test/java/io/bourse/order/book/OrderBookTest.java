package io.bourse.order.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.events.Actor;
import io.bourse.events.DomainException;
import io.bourse.events.order.AcceptOrder;
import io.bourse.events.order.CancelReason;
import io.bourse.events.order.InstrumentListed;
import io.bourse.events.order.ListInstrument;
import io.bourse.events.order.OrderAccepted;
import io.bourse.events.order.OrderCancelled;
import io.bourse.events.order.OrderExpired;
import io.bourse.events.order.OrderNotFoundException;
import io.bourse.events.order.OrderPlaced;
import io.bourse.events.order.OrderRejected;
import io.bourse.events.order.OrderRested;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.PlaceOrder;
import io.bourse.events.order.RejectOrder;
import io.bourse.events.order.RejectReason;
import io.bourse.events.order.ReservationReleaseDue;
import io.bourse.events.order.ReservationRequested;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import io.bourse.order.OrderStatus;
import io.bourse.order.matching.MatchingBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderBookTest {

    static final String SYMBOL = "ACME";
    static final BigDecimal TICK = new BigDecimal("0.05");
    static final Instant LISTED_AT = Instant.parse("2026-11-02T09:00:00Z");
    static final Instant PLACED_AT = Instant.parse("2026-11-02T09:30:00Z");
    static final Instant LATER = Instant.parse("2026-11-02T09:30:01Z");
    static final InstrumentListed LISTED = new InstrumentListed(SYMBOL, TICK, LISTED_AT);
    private static final Actor OPERATOR = Actor.of("ops", List.of(Actor.OPERATOR));

    private FixtureConfiguration<OrderBook> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    /**
     * The fixture re-sources the aggregate after each command and compares it field by field with the one that
     * handled it, to catch state changed outside event handlers. The price levels of the matching book have no
     * value equality (they are mutable queues), so they are left out of that comparison; what rests where is
     * asserted by the tests themselves.
     */
    static FixtureConfiguration<OrderBook> fixture() {
        FixtureConfiguration<OrderBook> fixture = new AggregateTestFixture<>(OrderBook.class);
        fixture.registerIgnoredField(MatchingBook.class, "bids");
        fixture.registerIgnoredField(MatchingBook.class, "asks");
        // Commands are given by an operator unless a test names another actor.
        fixture.registerCommandDispatchInterceptor(messages -> (index, command) ->
                command.getMetaData().containsKey(Actor.SUBJECT) ? command : command.andMetaData(OPERATOR.metaData()));
        return fixture;
    }

    @Test
    void aTraderCannotListAnInstrument() {
        fixture.givenNoPriorActivity()
                .when(new ListInstrument(SYMBOL, TICK, LISTED_AT), Actor.of("alice", List.of()).metaData())
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("this needs the operator role");
    }

    @Test
    void theCashAssetCannotBeListed() {
        fixture.givenNoPriorActivity()
                .when(new ListInstrument("USD", TICK, LISTED_AT))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void listingOpensTradingInTheSymbol() {
        fixture.givenNoPriorActivity()
                .when(new ListInstrument(SYMBOL, TICK, LISTED_AT))
                .expectEvents(LISTED);
    }

    @Test
    void aSymbolIsListedOnlyOnce() {
        fixture.given(LISTED)
                .when(new ListInstrument(SYMBOL, new BigDecimal("0.01"), LATER))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage(SYMBOL + " is already listed");
    }

    @Test
    void aTickSizeMustBePositive() {
        fixture.givenNoPriorActivity()
                .when(new ListInstrument(SYMBOL, BigDecimal.ZERO, LISTED_AT))
                .expectNoEvents()
                .expectException(DomainException.class);
    }

    @Test
    void anOrderOnAnUnlistedSymbolIsRecordedAndRejectedAsUnknownInstrument() {
        PlaceOrder order = buy("o-1", 10, "101.25");
        fixture.givenNoPriorActivity()
                .when(order)
                .expectEvents(placed(order), rejected(order, RejectReason.UNKNOWN_INSTRUMENT))
                .expectResultMessagePayload(new PlacementResult("o-1", OrderStatus.REJECTED));
    }

    @Test
    void aPriceOffTheTickIsRejectedAsInvalidPrice() {
        PlaceOrder order = buy("o-1", 10, "101.27");
        fixture.given(LISTED)
                .when(order)
                .expectEvents(placed(order), rejected(order, RejectReason.INVALID_PRICE))
                .expectResultMessagePayload(new PlacementResult("o-1", OrderStatus.REJECTED));
    }

    @Test
    void aLimitOrderWithoutAPriceIsRejectedAsInvalidPrice() {
        PlaceOrder order = new PlaceOrder(SYMBOL, "o-1", "alice", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10,
                null, null, PLACED_AT);
        fixture.given(LISTED)
                .when(order)
                .expectEvents(placed(order), rejected(order, RejectReason.INVALID_PRICE));
    }

    @Test
    void aBuyReservesQuantityTimesLimitPriceInCash() {
        PlaceOrder order = buy("o-1", 10, "101.25");
        fixture.given(LISTED)
                .when(order)
                .expectEvents(placed(order),
                        new ReservationRequested(SYMBOL, "o-1", "alice", "o-1", "USD", new BigDecimal("1012.50")))
                .expectResultMessagePayload(new PlacementResult("o-1", OrderStatus.NEW));
    }

    @Test
    void aSellReservesTheUnitsOfTheSymbol() {
        PlaceOrder order = sell("o-1", 7, "101.25");
        fixture.given(LISTED)
                .when(order)
                .expectEvents(placed(order),
                        new ReservationRequested(SYMBOL, "o-1", "bob", "o-1", SYMBOL, new BigDecimal("7")))
                .expectResultMessagePayload(new PlacementResult("o-1", OrderStatus.NEW));
    }

    @Test
    void repeatingAnOrderRecordsNothingAndAnswersItsCurrentStatus() {
        PlaceOrder order = buy("o-1", 10, "101.25");
        PlaceOrder repeat = new PlaceOrder(SYMBOL, "o-1", "alice", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 10,
                new BigDecimal("101.250"), null, LATER);
        fixture.given(LISTED, placed(order), accepted(order))
                .when(repeat)
                .expectNoEvents()
                .expectResultMessagePayload(new PlacementResult("o-1", OrderStatus.OPEN));
    }

    @Test
    void reusingAnOrderIdForADifferentOrderIsRefused() {
        PlaceOrder order = buy("o-1", 10, "101.25");
        fixture.given(LISTED, placed(order))
                .when(buy("o-1", 11, "101.25"))
                .expectNoEvents()
                .expectException(DomainException.class)
                .expectExceptionMessage("order o-1 was placed with different content");
    }

    @Test
    void anOrderWithReservedFundsIsAcceptedAndRestsWhenNothingCrossesIt() {
        PlaceOrder order = buy("o-1", 10, "101.25");
        fixture.given(LISTED, placed(order))
                .when(new AcceptOrder(SYMBOL, "o-1", "o-1", LATER))
                .expectEvents(accepted(order), rested(order))
                .expectState(book -> assertThat(book.restingOrders(Side.BUY)).containsExactly("o-1"));
    }

    @Test
    void onlyANewOrderIsAccepted() {
        PlaceOrder order = buy("o-1", 10, "101.25");
        fixture.given(LISTED, placed(order), accepted(order))
                .when(new AcceptOrder(SYMBOL, "o-1", "o-1", LATER))
                .expectNoEvents();
        fixture.given(LISTED, placed(order), rejected(order, RejectReason.INSUFFICIENT_FUNDS))
                .when(new AcceptOrder(SYMBOL, "o-1", "o-1", LATER))
                .expectNoEvents();
    }

    @Test
    void onlyANewOrderIsRejected() {
        PlaceOrder order = buy("o-1", 10, "101.25");
        fixture.given(LISTED, placed(order))
                .when(new RejectOrder(SYMBOL, "o-1", RejectReason.INSUFFICIENT_FUNDS, LATER))
                .expectEvents(new OrderRejected(SYMBOL, "o-1", "alice", RejectReason.INSUFFICIENT_FUNDS, LATER));
        fixture.given(LISTED, placed(order), accepted(order))
                .when(new RejectOrder(SYMBOL, "o-1", RejectReason.INSUFFICIENT_FUNDS, LATER))
                .expectNoEvents();
        fixture.given(LISTED, placed(order), rejected(order, RejectReason.UNKNOWN_ACCOUNT))
                .when(new RejectOrder(SYMBOL, "o-1", RejectReason.INSUFFICIENT_FUNDS, LATER))
                .expectNoEvents();
    }

    @Test
    void anOrderGivenUpOnWhileItsHoldWasAskedForReleasesWhateverMayHaveBeenHeld() {
        PlaceOrder order = buy("o-1", 10, "101.25");
        ReservationRequested requested = requested(order, "1012.50");
        fixture.given(LISTED, placed(order), requested)
                .when(new RejectOrder(SYMBOL, "o-1", RejectReason.RESERVATION_FAILED, LATER))
                .expectEvents(new OrderRejected(SYMBOL, "o-1", "alice", RejectReason.RESERVATION_FAILED, LATER),
                        new ReservationReleaseDue(SYMBOL, "o-1", "alice", "o-1", "USD", new BigDecimal("1012.50")));
    }

    @Test
    void aHoldArrivingAfterTheOrderWasGivenUpOnIsReleasedAgain() {
        // The first release may have reached the portfolio before the hold it was meant for.
        PlaceOrder order = buy("o-1", 10, "101.25");
        ReservationReleaseDue release =
                new ReservationReleaseDue(SYMBOL, "o-1", "alice", "o-1", "USD", new BigDecimal("1012.50"));
        fixture.given(LISTED, placed(order), requested(order, "1012.50"),
                        new OrderRejected(SYMBOL, "o-1", "alice", RejectReason.RESERVATION_FAILED, LATER), release)
                .when(new AcceptOrder(SYMBOL, "o-1", "o-1", LATER))
                .expectEvents(release)
                .expectState(book -> assertThat(book.statusOf("o-1")).isEqualTo(OrderStatus.REJECTED));
    }

    @Test
    void aHoldArrivingForAnOrderCancelledMeanwhileIsReleasedWhole() {
        PlaceOrder order = buy("o-1", 10, "101.25");
        fixture.given(LISTED, placed(order), requested(order, "1012.50"),
                        new OrderCancelled(SYMBOL, "o-1", "alice", CancelReason.CLIENT, LATER))
                .when(new AcceptOrder(SYMBOL, "o-1", "o-1", LATER))
                .expectEvents(new ReservationReleaseDue(SYMBOL, "o-1", "alice", "o-1", "USD",
                        new BigDecimal("1012.50")));
    }

    @Test
    void anAcceptForAnOrderTheBookNoLongerKnowsChangesNothing() {
        // Most likely a repeat for an order that traded and ended: giving its hold back could take what its
        // settlements still need.
        fixture.given(LISTED)
                .when(new AcceptOrder(SYMBOL, "gone", "gone", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void finishedOrdersLeaveTheBookButARepeatedPlacementStillFindsTheRecentOnes() {
        PlaceOrder order = buy("o-1", 10, "101.25");
        fixture.given(LISTED, placed(order), requested(order, "1012.50"),
                        rejected(order, RejectReason.INSUFFICIENT_FUNDS))
                .when(order)
                .expectNoEvents()
                .expectResultMessagePayload(new PlacementResult("o-1", OrderStatus.REJECTED))
                .expectState(book -> {
                    assertThat(book.order("o-1")).isNull();
                    assertThat(book.liveOrders()).isZero();
                });
        fixture.given(LISTED, placed(order), requested(order, "1012.50"),
                        rejected(order, RejectReason.INSUFFICIENT_FUNDS))
                .when(buy("o-1", 11, "101.25"))
                .expectException(DomainException.class)
                .expectExceptionMessage("order o-1 was placed with different content");
    }

    @Test
    void theBookRemembersOnlyABoundedNumberOfFinishedOrders() {
        List<Object> history = new ArrayList<>();
        history.add(LISTED);
        int orders = OrderBook.FINISHED_KEPT + 10;
        for (int i = 0; i < orders; i++) {
            PlaceOrder order = buy("o-" + i, 1, "1.00");
            history.add(placed(order));
            history.add(rejected(order, RejectReason.INSUFFICIENT_FUNDS));
        }
        fixture.given(history)
                .when(buy("o-new", 1, "1.00"))
                .expectState(book -> {
                    assertThat(book.finishedKept()).isEqualTo(OrderBook.FINISHED_KEPT);
                    assertThat(book.liveOrders()).isEqualTo(1);
                });
    }

    @Test
    void acceptedLimitOrdersRestInPriceTimePriority() {
        PlaceOrder bidAt100 = buy("b-1", 5, "100.00");
        PlaceOrder bidAt101 = buy("b-2", 3, "101.00");
        PlaceOrder laterBidAt100 = buy("b-3", 4, "100.00");
        PlaceOrder askAt103 = sell("s-1", 2, "103.00");
        PlaceOrder askAt102 = sell("s-2", 6, "102.50");
        PlaceOrder pendingAsk = sell("s-3", 1, "102.00");
        fixture.given(LISTED,
                        placed(bidAt100), placed(bidAt101), placed(laterBidAt100), placed(askAt103), placed(askAt102),
                        placed(pendingAsk),
                        accepted(bidAt100), rested(bidAt100), accepted(askAt103), rested(askAt103),
                        accepted(bidAt101), rested(bidAt101), accepted(laterBidAt100), rested(laterBidAt100))
                .when(new AcceptOrder(SYMBOL, "s-2", "s-2", LATER))
                .expectEvents(new OrderAccepted(SYMBOL, "s-2", "bob", "s-2", LATER), rested(askAt102))
                .expectState(book -> {
                    assertThat(book.restingOrders(Side.BUY)).containsExactly("b-2", "b-1", "b-3");
                    assertThat(book.restingOrders(Side.SELL)).containsExactly("s-2", "s-1");
                    assertThat(book.matchingBook().restingQuantity("s-2")).isEqualTo(6);
                    assertThat(book.matchingBook().restingQuantity("s-1")).isEqualTo(2);
                    assertThat(book.matchingBook().isResting("s-3")).isFalse();
                });
    }

    @Test
    void aMarketOrderNeverRestsAndItsUnfilledRemainderExpiresWhenImmediateOrCancel() {
        PlaceOrder market = new PlaceOrder(SYMBOL, "m-1", "bob", Side.SELL, OrderType.MARKET, TimeInForce.IOC, 3,
                null, null, PLACED_AT);
        fixture.given(LISTED, placed(market),
                        new ReservationRequested(SYMBOL, "m-1", "bob", "m-1", SYMBOL, new BigDecimal("3")))
                .when(new AcceptOrder(SYMBOL, "m-1", "m-1", LATER))
                .expectEvents(new OrderAccepted(SYMBOL, "m-1", "bob", "m-1", LATER),
                        new OrderExpired(SYMBOL, "m-1", "bob", LATER),
                        new ReservationReleaseDue(SYMBOL, "m-1", "bob", "m-1", SYMBOL, new BigDecimal("3")))
                .expectState(book -> {
                    assertThat(book.restingOrders(Side.SELL)).isEmpty();
                    assertThat(book.statusOf("m-1")).isEqualTo(OrderStatus.EXPIRED);
                });
    }

    @Test
    void aMarketBuyWithoutAWorstPriceOnAnEmptyBookIsCancelledForLackOfLiquidityAndHoldsNothing() {
        PlaceOrder market = new PlaceOrder(SYMBOL, "m-1", "alice", Side.BUY, OrderType.MARKET, TimeInForce.IOC, 3,
                null, null, PLACED_AT);
        fixture.given(LISTED)
                .when(market)
                .expectEvents(placed(market),
                        new OrderCancelled(SYMBOL, "m-1", "alice", CancelReason.NO_LIQUIDITY, PLACED_AT))
                .expectResultMessagePayload(new PlacementResult("m-1", OrderStatus.CANCELLED));
    }

    static PlaceOrder buy(String orderId, long quantity, String price) {
        return new PlaceOrder(SYMBOL, orderId, "alice", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, quantity,
                new BigDecimal(price), null, PLACED_AT);
    }

    static PlaceOrder sell(String orderId, long quantity, String price) {
        return new PlaceOrder(SYMBOL, orderId, "bob", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, quantity,
                new BigDecimal(price), null, PLACED_AT);
    }

    static OrderPlaced placed(PlaceOrder order) {
        return new OrderPlaced(order.symbol(), order.orderId(), order.accountId(), order.side(), order.type(),
                order.timeInForce(), order.quantity(), order.limitPrice(), order.clientOrderId(), order.placedAt());
    }

    static OrderAccepted accepted(PlaceOrder order) {
        return new OrderAccepted(order.symbol(), order.orderId(), order.accountId(), order.orderId(), LATER);
    }

    static OrderRested rested(PlaceOrder order) {
        return new OrderRested(order.symbol(), order.orderId(), order.accountId(), order.side(), order.limitPrice(),
                order.quantity());
    }

    static ReservationRequested requested(PlaceOrder order, String cash) {
        return new ReservationRequested(order.symbol(), order.orderId(), order.accountId(), order.orderId(), "USD",
                new BigDecimal(cash));
    }

        static OrderRejected rejected(PlaceOrder order, RejectReason reason) {
        return new OrderRejected(order.symbol(), order.orderId(), order.accountId(), reason, order.placedAt());
    }
}
