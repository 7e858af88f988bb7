package io.bourse.order.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.events.DomainException;
import io.bourse.events.order.AcceptOrder;
import io.bourse.events.order.CancelOrder;
import io.bourse.events.order.CancelReason;
import io.bourse.events.order.InstrumentListed;
import io.bourse.events.order.OrderAccepted;
import io.bourse.events.order.OrderCancelled;
import io.bourse.events.order.OrderExpired;
import io.bourse.events.order.OrderFilled;
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
import io.bourse.events.order.TradeExecuted;
import io.bourse.order.OrderStatus;
import io.bourse.order.matching.DepthLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The book of ACME (tick 0.01) matching accepted orders: which trades happen, at what price, how every order ends,
 * and what of each hold is given back. Resting orders come from their events; the incoming order is placed and
 * held, and the command under test is the AcceptOrder that the funds reservation sends.
 */
class OrderBookMatchingTest {

    static final String SYMBOL = "ACME";
    static final BigDecimal TICK = new BigDecimal("0.01");
    static final Instant LISTED_AT = Instant.parse("2026-11-02T09:00:00Z");
    static final Instant PLACED_AT = Instant.parse("2026-11-02T09:30:00Z");
    static final Instant ACCEPTED_AT = Instant.parse("2026-11-02T09:30:00.250Z");
    static final Instant NOW = Instant.parse("2026-11-02T09:31:00Z");
    static final InstrumentListed LISTED = new InstrumentListed(SYMBOL, TICK, LISTED_AT);

    private FixtureConfiguration<OrderBook> fixture;

    @BeforeEach
    void setUp() {
        fixture = OrderBookTest.fixture();
    }

    @Test
    void withinAPriceLevelTheEarliestRestingOrderTradesFirst() {
        PlaceOrder first = limit("s-1", "bob", Side.SELL, 5, "100.00");
        PlaceOrder second = limit("s-2", "carol", Side.SELL, 5, "100.00");
        PlaceOrder third = limit("s-3", "dave", Side.SELL, 5, "100.00");
        PlaceOrder buy = limit("b-1", "alice", Side.BUY, 7, "100.00");
        fixture.given(events(LISTED, resting(first), resting(second), resting(third), held(buy)))
                .when(accept(buy))
                .expectEvents(accepted(buy),
                        trade(1, buy, first, "100.00", 5),
                        filled(first),
                        trade(2, buy, second, "100.00", 2),
                        filled(buy))
                .expectState(book -> {
                    assertThat(book.restingOrders(Side.SELL)).containsExactly("s-2", "s-3");
                    assertThat(book.matchingBook().restingQuantity("s-2")).isEqualTo(3);
                    assertThat(book.statusOf("s-2")).isEqualTo(OrderStatus.PARTIALLY_FILLED);
                    assertThat(book.statusOf("s-3")).isEqualTo(OrderStatus.OPEN);
                });
    }

    @Test
    void aBuySweepsTheAsksBestPriceFirstTradingAtEachRestingPriceAndRestsItsRemainder() {
        PlaceOrder at100 = limit("s-1", "bob", Side.SELL, 3, "100.00");
        PlaceOrder at10050 = limit("s-2", "carol", Side.SELL, 4, "100.50");
        PlaceOrder at101 = limit("s-3", "dave", Side.SELL, 5, "101.00");
        PlaceOrder at10150 = limit("s-4", "bob", Side.SELL, 2, "101.50");
        PlaceOrder buy = limit("b-1", "alice", Side.BUY, 15, "101.00");
        fixture.given(events(LISTED, resting(at10150), resting(at101), resting(at100), resting(at10050), held(buy)))
                .when(accept(buy))
                .expectEvents(accepted(buy),
                        trade(1, buy, at100, "100.00", 3),
                        filled(at100),
                        trade(2, buy, at10050, "100.50", 4),
                        filled(at10050),
                        trade(3, buy, at101, "101.00", 5),
                        filled(at101),
                        new OrderRested(SYMBOL, "b-1", "alice", Side.BUY, new BigDecimal("101.00"), 3))
                .expectState(book -> {
                    assertThat(book.restingOrders(Side.BUY)).containsExactly("b-1");
                    assertThat(book.restingOrders(Side.SELL)).containsExactly("s-4");
                    assertThat(book.matchingBook().isCrossed()).isFalse();
                    assertThat(book.statusOf("b-1")).isEqualTo(OrderStatus.PARTIALLY_FILLED);
                    assertThat(book.order("b-1").filledQuantity()).isEqualTo(12);
                });
    }

    @Test
    void immediateOrCancelWithExactlyEnoughOnTheBookFillsCompletely() {
        PlaceOrder first = limit("s-1", "bob", Side.SELL, 3, "100.00");
        PlaceOrder second = limit("s-2", "carol", Side.SELL, 2, "100.00");
        PlaceOrder ioc = order("b-1", "alice", Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 5, "100.00");
        fixture.given(events(LISTED, resting(first), resting(second), held(ioc)))
                .when(accept(ioc))
                .expectEvents(accepted(ioc),
                        trade(1, ioc, first, "100.00", 3),
                        filled(first),
                        trade(2, ioc, second, "100.00", 2),
                        filled(second),
                        filled(ioc))
                .expectState(book -> {
                    assertThat(book.statusOf("b-1")).isEqualTo(OrderStatus.FILLED);
                    assertThat(book.restingOrders(Side.SELL)).isEmpty();
                    assertThat(book.restingOrders(Side.BUY)).isEmpty();
                });
    }

    @Test
    void immediateOrCancelOneUnitShortTradesWhatItCanThenExpiresAndReleasesTheRest() {
        PlaceOrder first = limit("s-1", "bob", Side.SELL, 3, "100.00");
        PlaceOrder second = limit("s-2", "carol", Side.SELL, 2, "100.00");
        PlaceOrder ioc = order("b-1", "alice", Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 6, "100.00");
        fixture.given(events(LISTED, resting(first), resting(second), held(ioc)))
                .when(accept(ioc))
                .expectEvents(accepted(ioc),
                        trade(1, ioc, first, "100.00", 3),
                        filled(first),
                        trade(2, ioc, second, "100.00", 2),
                        filled(second),
                        new OrderExpired(SYMBOL, "b-1", "alice", ACCEPTED_AT),
                        released(ioc, "100.00"))
                .expectState(book -> {
                    assertThat(book.statusOf("b-1")).isEqualTo(OrderStatus.EXPIRED);
                    assertThat(book.order("b-1")).as("ended, so no longer live").isNull();
                    assertThat(book.restingOrders(Side.BUY)).isEmpty();
                });
    }

    @Test
    void fillOrKillWithExactlyEnoughWithinItsLimitFillsCompletely() {
        PlaceOrder best = limit("b-1", "alice", Side.BUY, 3, "100.00");
        PlaceOrder next = limit("b-2", "carol", Side.BUY, 2, "99.50");
        PlaceOrder fok = order("s-1", "bob", Side.SELL, OrderType.LIMIT, TimeInForce.FOK, 5, "99.50");
        fixture.given(events(LISTED, resting(best), resting(next), held(fok)))
                .when(accept(fok))
                .expectEvents(accepted(fok),
                        trade(1, fok, best, "100.00", 3),
                        filled(best),
                        trade(2, fok, next, "99.50", 2),
                        filled(next),
                        filled(fok))
                .expectState(book -> assertThat(book.statusOf("s-1")).isEqualTo(OrderStatus.FILLED));
    }

    @Test
    void fillOrKillOneUnitShortTradesNothingExpiresAndReleasesItsWholeHold() {
        PlaceOrder best = limit("b-1", "alice", Side.BUY, 3, "100.00");
        PlaceOrder next = limit("b-2", "carol", Side.BUY, 2, "99.50");
        PlaceOrder beyondLimit = limit("b-3", "dave", Side.BUY, 9, "99.49");
        PlaceOrder fok = order("s-1", "bob", Side.SELL, OrderType.LIMIT, TimeInForce.FOK, 6, "99.50");
        fixture.given(events(LISTED, resting(best), resting(next), resting(beyondLimit), held(fok)))
                .when(accept(fok))
                .expectEvents(accepted(fok),
                        new OrderExpired(SYMBOL, "s-1", "bob", ACCEPTED_AT),
                        released(fok, "6"))
                .expectState(book -> {
                    assertThat(book.statusOf("s-1")).isEqualTo(OrderStatus.EXPIRED);
                    assertThat(book.order("s-1")).as("ended, so no longer live").isNull();
                    assertThat(book.restingOrders(Side.BUY)).containsExactly("b-1", "b-2", "b-3");
                    assertThat(book.matchingBook().restingQuantity("b-1")).isEqualTo(3);
                    assertThat(book.matchingBook().restingQuantity("b-2")).isEqualTo(2);
                });
    }

    @Test
    void aMarketSellAgainstAnEmptyBookIsCancelledAsMarketRemainderAndReleasesItsUnits() {
        PlaceOrder market = order("m-1", "bob", Side.SELL, OrderType.MARKET, TimeInForce.GTC, 4, null);
        fixture.given(events(LISTED, held(market)))
                .when(accept(market))
                .expectEvents(accepted(market),
                        new OrderCancelled(SYMBOL, "m-1", "bob", CancelReason.MARKET_REMAINDER, ACCEPTED_AT),
                        released(market, "4"))
                .expectState(book -> {
                    assertThat(book.statusOf("m-1")).isEqualTo(OrderStatus.CANCELLED);
                    assertThat(book.restingOrders(Side.SELL)).isEmpty();
                });
    }

    @Test
    void aMarketBuyWithoutAWorstPriceOnAnEmptyBookIsCancelledAtPlacementWithoutAHold() {
        PlaceOrder market = order("m-1", "alice", Side.BUY, OrderType.MARKET, TimeInForce.GTC, 4, null);
        fixture.given(LISTED)
                .when(market)
                .expectEvents(placed(market),
                        new OrderCancelled(SYMBOL, "m-1", "alice", CancelReason.NO_LIQUIDITY, PLACED_AT))
                .expectResultMessagePayload(new PlacementResult("m-1", OrderStatus.CANCELLED))
                .expectState(book -> assertThat(book.order("m-1")).as("ended, so no longer live").isNull());
    }

    @Test
    void aMarketBuyWithoutAWorstPriceHoldsTheSweepCostPlusTheCollarAndReleasesWhatItDidNotSpend() {
        PlaceOrder cheap = limit("s-1", "bob", Side.SELL, 2, "100.00");
        PlaceOrder dearer = limit("s-2", "carol", Side.SELL, 3, "101.00");
        PlaceOrder market = order("m-1", "alice", Side.BUY, OrderType.MARKET, TimeInForce.IOC, 4, null);
        // Sweeping four now costs 2 x 100.00 + 2 x 101.00 = 402.00; with the 5% collar the hold is 422.10.
        ReservationRequested hold = new ReservationRequested(SYMBOL, "m-1", "alice", "m-1", "USD",
                new BigDecimal("422.10"));
        fixture.given(events(LISTED, resting(cheap), resting(dearer)))
                .when(market)
                .expectEvents(placed(market), hold)
                .expectResultMessagePayload(new PlacementResult("m-1", OrderStatus.NEW));

        fixture.given(events(LISTED, resting(cheap), resting(dearer), placed(market), hold))
                .when(accept(market))
                .expectEvents(accepted(market),
                        trade(1, market, cheap, "100.00", 2),
                        filled(cheap),
                        trade(2, market, dearer, "101.00", 2),
                        filled(market),
                        released(market, "20.10"));
    }

    @Test
    void aMarketBuyNeverSpendsMoreThanItsHoldWhenTheAsksMovedUpMeanwhile() {
        PlaceOrder gone = limit("s-1", "bob", Side.SELL, 5, "100.00");
        PlaceOrder dearer = limit("s-2", "carol", Side.SELL, 5, "110.00");
        PlaceOrder market = order("m-1", "alice", Side.BUY, OrderType.MARKET, TimeInForce.GTC, 5, null);
        // Held at placement against the ask at 100.00: 5 x 100.00 x 1.05 = 525.00, which buys four at 110.00.
        ReservationRequested hold = new ReservationRequested(SYMBOL, "m-1", "alice", "m-1", "USD",
                new BigDecimal("525.00"));
        fixture.given(events(LISTED, resting(gone), placed(market), hold,
                        new OrderCancelled(SYMBOL, "s-1", "bob", CancelReason.CLIENT, PLACED_AT), resting(dearer)))
                .when(accept(market))
                .expectEvents(accepted(market),
                        trade(1, market, dearer, "110.00", 4),
                        new OrderCancelled(SYMBOL, "m-1", "alice", CancelReason.MARKET_REMAINDER, ACCEPTED_AT),
                        released(market, "85.00"))
                .expectState(book -> assertThat(book.matchingBook().restingQuantity("s-2")).isEqualTo(1));
    }

    @Test
    void aCancelledOrderGivesNoFillToALaterCrossingOrder() {
        PlaceOrder cancelled = limit("s-1", "bob", Side.SELL, 5, "100.00");
        PlaceOrder standing = limit("s-2", "carol", Side.SELL, 5, "100.50");
        PlaceOrder buy = limit("b-1", "alice", Side.BUY, 5, "100.50");
        fixture.given(events(LISTED, resting(cancelled), resting(standing),
                        new OrderCancelled(SYMBOL, "s-1", "bob", CancelReason.CLIENT, PLACED_AT),
                        released(cancelled, "5"), held(buy)))
                .when(accept(buy))
                .expectEvents(accepted(buy),
                        trade(1, buy, standing, "100.50", 5),
                        filled(standing),
                        filled(buy))
                .expectState(book -> {
                    assertThat(book.statusOf("s-1")).isEqualTo(OrderStatus.CANCELLED);
                    assertThat(book.order("s-1")).as("ended, so no longer live").isNull();
                    assertThat(book.restingOrders(Side.SELL)).isEmpty();
                });
    }

    @Test
    void cancellingARestingOrderTakesItOffTheBookAndReleasesItsHold() {
        PlaceOrder bid = limit("b-1", "alice", Side.BUY, 5, "100.00");
        fixture.given(events(LISTED, resting(bid)))
                .when(new CancelOrder(SYMBOL, "b-1", NOW))
                .expectEvents(new OrderCancelled(SYMBOL, "b-1", "alice", CancelReason.CLIENT, NOW),
                        released(bid, "500.00"))
                .expectResultMessagePayload(OrderStatus.CANCELLED)
                .expectState(book -> {
                    assertThat(book.restingOrders(Side.BUY)).isEmpty();
                    assertThat(book.matchingBook().depth(Side.BUY, 10)).isEmpty();
                });
    }

    @Test
    void cancellingAPartlyFilledOrderReleasesOnlyWhatItsFillsDidNotUse() {
        PlaceOrder bid = limit("b-1", "alice", Side.BUY, 5, "100.00");
        PlaceOrder sell = limit("s-1", "bob", Side.SELL, 2, "100.00");
        fixture.given(events(LISTED, resting(bid), held(sell), accepted(sell), trade(1, sell, bid, "100.00", 2),
                        filled(sell)))
                .when(new CancelOrder(SYMBOL, "b-1", NOW))
                .expectEvents(new OrderCancelled(SYMBOL, "b-1", "alice", CancelReason.CLIENT, NOW),
                        released(bid, "300.00"));
    }

    @Test
    void anIncomingOrderThatWouldTradeWithItsOwnAccountHasItsRemainderCancelled() {
        PlaceOrder own = limit("s-1", "alice", Side.SELL, 5, "100.00");
        PlaceOrder other = limit("s-2", "bob", Side.SELL, 5, "100.00");
        PlaceOrder buy = limit("b-1", "alice", Side.BUY, 8, "100.00");
        fixture.given(events(LISTED, resting(own), resting(other), held(buy)))
                .when(accept(buy))
                .expectEvents(accepted(buy),
                        new OrderCancelled(SYMBOL, "b-1", "alice", CancelReason.SELF_TRADE_PREVENTED, ACCEPTED_AT),
                        released(buy, "800.00"))
                .expectState(book -> {
                    assertThat(book.restingOrders(Side.SELL)).containsExactly("s-1", "s-2");
                    assertThat(book.matchingBook().restingQuantity("s-1")).isEqualTo(5);
                    assertThat(book.statusOf("s-1")).isEqualTo(OrderStatus.OPEN);
                    assertThat(book.restingOrders(Side.BUY)).isEmpty();
                });
    }

    @Test
    void selfTradePreventionKeepsTheFillsBeforeReachingTheOwnOrder() {
        PlaceOrder other = limit("s-1", "bob", Side.SELL, 3, "100.00");
        PlaceOrder own = limit("s-2", "alice", Side.SELL, 5, "100.50");
        PlaceOrder buy = limit("b-1", "alice", Side.BUY, 8, "101.00");
        fixture.given(events(LISTED, resting(other), resting(own), held(buy)))
                .when(accept(buy))
                .expectEvents(accepted(buy),
                        trade(1, buy, other, "100.00", 3),
                        filled(other),
                        new OrderCancelled(SYMBOL, "b-1", "alice", CancelReason.SELF_TRADE_PREVENTED, ACCEPTED_AT),
                        // 808.00 held, 300.00 spent.
                        released(buy, "508.00"))
                .expectState(book -> assertThat(book.matchingBook().restingQuantity("s-2")).isEqualTo(5));
    }

    @Test
    void aBuyBelowItsLimitTradesAtTheAskAndReleasesThePriceImprovement() {
        PlaceOrder ask = limit("s-1", "bob", Side.SELL, 10, "100.00");
        PlaceOrder buy = limit("b-1", "alice", Side.BUY, 10, "105.00");
        fixture.given(events(LISTED, resting(ask), held(buy)))
                .when(accept(buy))
                .expectEvents(accepted(buy),
                        trade(1, buy, ask, "100.00", 10),
                        filled(ask),
                        filled(buy),
                        released(buy, "50.00"));
    }

    @Test
    void aRejectedOrderNeverRestsAndLeavesTheBookEmpty() {
        PlaceOrder offTick = limit("b-1", "alice", Side.BUY, 5, "100.005");
        fixture.given(LISTED)
                .when(offTick)
                .expectEvents(placed(offTick),
                        new OrderRejected(SYMBOL, "b-1", "alice", RejectReason.INVALID_PRICE, PLACED_AT))
                .expectState(book -> {
                    assertThat(book.matchingBook().depth(Side.BUY, 10)).isEmpty();
                    assertThat(book.restingOrders(Side.BUY)).isEmpty();
                });

        PlaceOrder unfunded = limit("b-2", "alice", Side.BUY, 5, "100.00");
        fixture.given(events(LISTED, held(unfunded)))
                .when(new RejectOrder(SYMBOL, "b-2", RejectReason.INSUFFICIENT_FUNDS, NOW))
                .expectEvents(new OrderRejected(SYMBOL, "b-2", "alice", RejectReason.INSUFFICIENT_FUNDS, NOW))
                .expectState(book -> assertThat(book.matchingBook().depth(Side.BUY, 10)).isEmpty());
    }

    @Test
    void aRejectedOrderGivesNoFillToACrossingOrder() {
        PlaceOrder unfunded = limit("b-1", "alice", Side.BUY, 5, "100.00");
        PlaceOrder sell = limit("s-1", "bob", Side.SELL, 5, "100.00");
        fixture.given(events(LISTED, held(unfunded),
                        new OrderRejected(SYMBOL, "b-1", "alice", RejectReason.INSUFFICIENT_FUNDS, PLACED_AT),
                        held(sell)))
                .when(accept(sell))
                .expectEvents(accepted(sell), rested(sell))
                .expectState(book -> {
                    assertThat(book.restingOrders(Side.BUY)).isEmpty();
                    assertThat(book.matchingBook().depth(Side.SELL, 10))
                            .containsExactly(new DepthLevel(10000, 5, 1));
                });
    }

    @Test
    void anAcceptArrivingForARejectedOrderDoesNotPutItOnTheBookAndGivesItsHoldBack() {
        PlaceOrder unfunded = limit("b-1", "alice", Side.BUY, 5, "100.00");
        fixture.given(events(LISTED, held(unfunded),
                        new OrderRejected(SYMBOL, "b-1", "alice", RejectReason.INSUFFICIENT_FUNDS, PLACED_AT)))
                .when(accept(unfunded))
                .expectEvents(released(unfunded, "500.00"))
                .expectState(book -> assertThat(book.restingOrders(Side.BUY)).isEmpty());
    }

    @Test
    void cancellingAFilledOrderIsRefusedAsAConflictAndChangesNothing() {
        PlaceOrder ask = limit("s-1", "bob", Side.SELL, 5, "100.00");
        PlaceOrder buy = limit("b-1", "alice", Side.BUY, 5, "100.00");
        fixture.given(events(LISTED, resting(ask), held(buy), accepted(buy), trade(1, buy, ask, "100.00", 5),
                        filled(ask), filled(buy)))
                .when(new CancelOrder(SYMBOL, "s-1", NOW))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof DomainException refusal
                        && refusal.kind() == DomainException.Kind.CONFLICT
                        && "ORDER_FINISHED".equals(refusal.code())));
    }

    @Test
    void cancellingAnExpiredOrderIsRefusedAsAConflict() {
        PlaceOrder ioc = order("b-1", "alice", Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 5, "100.00");
        fixture.given(events(LISTED, held(ioc), accepted(ioc), new OrderExpired(SYMBOL, "b-1", "alice", ACCEPTED_AT),
                        released(ioc, "500.00")))
                .when(new CancelOrder(SYMBOL, "b-1", NOW))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof DomainException refusal
                        && refusal.kind() == DomainException.Kind.CONFLICT
                        && "ORDER_FINISHED".equals(refusal.code())));
    }

    @Test
    void cancellingAnUnknownOrderIsNotFound() {
        fixture.given(LISTED)
                .when(new CancelOrder(SYMBOL, "nope", NOW))
                .expectNoEvents()
                .expectException(OrderNotFoundException.class);
    }

    @Test
    void cancellingAnOrderWhoseFundsAreStillBeingReservedReleasesNothingYet() {
        PlaceOrder buy = limit("b-1", "alice", Side.BUY, 10, "100.00");
        // The reservation may not exist in the portfolio yet: a release now could arrive before it and be lost.
        fixture.given(events(LISTED, held(buy)))
                .when(new CancelOrder(SYMBOL, "b-1", NOW))
                .expectEvents(new OrderCancelled(SYMBOL, "b-1", "alice", CancelReason.CLIENT, NOW))
                .expectResultMessagePayload(OrderStatus.CANCELLED);
    }

    @Test
    void anOrderCancelledWhileNewReleasesItsWholeHoldWhenTheReservationArrives() {
        PlaceOrder buy = limit("b-1", "alice", Side.BUY, 10, "100.00");
        PlaceOrder crossing = limit("s-1", "bob", Side.SELL, 10, "100.00");
        fixture.given(events(LISTED, resting(crossing)))
                .andGivenCommands(buy, new CancelOrder(SYMBOL, "b-1", NOW))
                .when(accept(buy))
                .expectEvents(released(buy, "1000.00"))
                .expectState(book -> {
                    assertThat(book.statusOf("b-1")).isEqualTo(OrderStatus.CANCELLED);
                    assertThat(book.matchingBook().restingQuantity("s-1")).isEqualTo(10);
                });
    }

    @Test
    void aSecondAcceptForAnOrderCancelledWhileNewAsksForTheSameReleaseWhichThePortfolioIgnores() {
        PlaceOrder buy = limit("b-1", "alice", Side.BUY, 10, "100.00");
        fixture.given(events(LISTED, held(buy), new OrderCancelled(SYMBOL, "b-1", "alice", CancelReason.CLIENT, NOW),
                        released(buy, "1000.00")))
                .when(accept(buy))
                .expectEvents(released(buy, "1000.00"))
                .expectState(book -> assertThat(book.statusOf("b-1")).isEqualTo(OrderStatus.CANCELLED));
    }

    private static List<Object> events(Object... parts) {
        List<Object> events = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> list) {
                events.addAll(list);
            } else {
                events.add(part);
            }
        }
        return events;
    }

    /** An order placed, held, accepted and waiting on the book in full, as the book itself records it. */
    private static List<Object> resting(PlaceOrder order) {
        return List.of(placed(order), hold(order), accepted(order), rested(order));
    }

    /** An order placed with its hold requested: AcceptOrder is what the reservation sends next. */
    private static List<Object> held(PlaceOrder order) {
        return List.of(placed(order), hold(order));
    }

    private static PlaceOrder limit(String orderId, String accountId, Side side, long quantity, String price) {
        return order(orderId, accountId, side, OrderType.LIMIT, TimeInForce.GTC, quantity, price);
    }

    private static PlaceOrder order(String orderId, String accountId, Side side, OrderType type,
                                    TimeInForce timeInForce, long quantity, String price) {
        return new PlaceOrder(SYMBOL, orderId, accountId, side, type, timeInForce, quantity,
                price == null ? null : new BigDecimal(price), null, PLACED_AT);
    }

    private static AcceptOrder accept(PlaceOrder order) {
        return new AcceptOrder(SYMBOL, order.orderId(), order.orderId(), ACCEPTED_AT);
    }

    private static OrderPlaced placed(PlaceOrder order) {
        return new OrderPlaced(SYMBOL, order.orderId(), order.accountId(), order.side(), order.type(),
                order.timeInForce(), order.quantity(), order.limitPrice(), order.clientOrderId(), order.placedAt());
    }

    private static ReservationRequested hold(PlaceOrder order) {
        BigDecimal amount = order.side() == Side.SELL
                ? BigDecimal.valueOf(order.quantity())
                : order.limitPrice().multiply(BigDecimal.valueOf(order.quantity()))
                        .setScale(2, RoundingMode.UNNECESSARY);
        return new ReservationRequested(SYMBOL, order.orderId(), order.accountId(), order.orderId(),
                order.side() == Side.SELL ? SYMBOL : "USD", amount);
    }

    private static OrderAccepted accepted(PlaceOrder order) {
        return new OrderAccepted(SYMBOL, order.orderId(), order.accountId(), order.orderId(), ACCEPTED_AT);
    }

    private static OrderRested rested(PlaceOrder order) {
        return new OrderRested(SYMBOL, order.orderId(), order.accountId(), order.side(), order.limitPrice(),
                order.quantity());
    }

    private static TradeExecuted trade(int sequence, PlaceOrder incoming, PlaceOrder resting, String price,
                                       long quantity) {
        PlaceOrder buy = incoming.side() == Side.BUY ? incoming : resting;
        PlaceOrder sell = incoming.side() == Side.BUY ? resting : incoming;
        // Each order's hold is requested under its order id.
        return new TradeExecuted(SYMBOL, SYMBOL + "-" + sequence, buy.orderId(), sell.orderId(), buy.accountId(),
                sell.accountId(), buy.orderId(), sell.orderId(), new BigDecimal(price), quantity, incoming.side(),
                ACCEPTED_AT);
    }

    private static OrderFilled filled(PlaceOrder order) {
        return new OrderFilled(SYMBOL, order.orderId(), order.accountId(), ACCEPTED_AT);
    }

    private static ReservationReleaseDue released(PlaceOrder order, String amount) {
        return new ReservationReleaseDue(SYMBOL, order.orderId(), order.accountId(), order.orderId(),
                order.side() == Side.SELL ? SYMBOL : "USD", new BigDecimal(amount));
    }
}
