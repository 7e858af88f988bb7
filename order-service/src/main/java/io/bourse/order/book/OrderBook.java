package io.bourse.order.book;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bourse.events.Actor;
import io.bourse.events.Assets;
import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.order.AcceptOrder;
import io.bourse.events.order.CancelOrder;
import io.bourse.events.order.CancelReason;
import io.bourse.events.order.InstrumentListed;
import io.bourse.events.order.IsInstrumentListed;
import io.bourse.events.order.ListInstrument;
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
import io.bourse.order.matching.Execution;
import io.bourse.order.matching.Fill;
import io.bourse.order.matching.IncomingOrder;
import io.bourse.order.matching.MatchingBook;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The order book of one symbol. One aggregate per symbol makes the book the single writer of its orders: placing,
 * accepting, matching and cancelling are each one append to one stream. The matching itself is {@link MatchingBook},
 * plain Java; this class turns its verdicts into events.
 * <p>
 * Its state is bounded by what is live: the orders it works on (waiting for their hold, or resting) and a window of
 * the last {@link #FINISHED_KEPT} orders that ended, which answer repeated commands. Older outcomes live in the read
 * model, where a repeated request is answered from; so snapshots and the cache stay small however long the book
 * lives.
 */
@Aggregate(snapshotTriggerDefinition = "orderBookSnapshotTrigger", cache = "orderBookCache")
public class OrderBook {

    /** A market buy without a worst price holds what sweeping the book would cost now, plus this margin. */
    static final BigDecimal MARKET_BUY_COLLAR = new BigDecimal("1.05");
    /** How many ended orders the book remembers, oldest forgotten first. */
    static final int FINISHED_KEPT = 1_000;

    @AggregateIdentifier
    private String symbol;
    private BigDecimal tickSize;
    private LinkedHashMap<String, BookOrder> orders = new LinkedHashMap<>();
    private LinkedHashMap<String, FinishedOrder> finished = new LinkedHashMap<>();
    private MatchingBook book = new MatchingBook();
    private long tradeCount;

    protected OrderBook() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ListInstrument command, MetaData metaData) {
        Actor.requireRole(metaData, Actor.OPERATOR);
        if (isListed()) {
            throw new DomainException(Kind.CONFLICT, "INSTRUMENT_ALREADY_LISTED",
                    command.symbol() + " is already listed");
        }
        if (!Assets.isValidSymbol(command.symbol())) {
            throw new DomainException(Kind.INVALID, "INVALID_SYMBOL", "'" + command.symbol() + "' is not a symbol");
        }
        // Prices on a grid of whole cents keep every trade's cash exact in USD's two decimals.
        if (command.tickSize() == null || command.tickSize().signum() <= 0
                || command.tickSize().stripTrailingZeros().scale() > Assets.CASH_SCALE) {
            throw new DomainException(Kind.INVALID, "INVALID_TICK_SIZE",
                    "the tick size must be a positive whole number of cents");
        }
        apply(new InstrumentListed(command.symbol(), command.tickSize(), command.listedAt()));
    }

    /**
     * Records every well-formed order, even on a symbol that was never listed, so the client can look up why it
     * was rejected.
     */
    /** Whether the symbol is listed, for another service's checks; asking changes nothing. */
    @CommandHandler
    public boolean handle(IsInstrumentListed query) {
        return isListed();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PlacementResult handle(PlaceOrder command) {
        BookOrder known = orders.get(command.orderId());
        if (known != null) {
            if (!known.sameRequestAs(command)) {
                throw orderIdReused(command);
            }
            return new PlacementResult(known.orderId(), known.status());
        }
        FinishedOrder ended = finished.get(command.orderId());
        if (ended != null) {
            if (ended.request() != BookOrder.fingerprint(command)) {
                throw orderIdReused(command);
            }
            return new PlacementResult(command.orderId(), ended.status());
        }
        requireWellFormed(command);
        apply(new OrderPlaced(command.symbol(), command.orderId(), command.accountId(), command.side(), command.type(),
                command.timeInForce(), command.quantity(), command.limitPrice(), command.clientOrderId(),
                command.placedAt()));
        Optional<RejectReason> refusal = refusalOf(command);
        if (refusal.isPresent()) {
            apply(new OrderRejected(command.symbol(), command.orderId(), command.accountId(), refusal.get(),
                    command.placedAt()));
            return new PlacementResult(command.orderId(), OrderStatus.REJECTED);
        }
        Optional<BigDecimal> hold = holdFor(command);
        if (hold.isEmpty()) {
            apply(new OrderCancelled(symbol, command.orderId(), command.accountId(), CancelReason.NO_LIQUIDITY,
                    command.placedAt()));
            return new PlacementResult(command.orderId(), OrderStatus.CANCELLED);
        }
        String asset = command.side() == Side.BUY ? Assets.CASH : command.symbol();
        apply(new ReservationRequested(command.symbol(), command.orderId(), command.accountId(), command.orderId(),
                asset, hold.get()));
        return new PlacementResult(command.orderId(), OrderStatus.NEW);
    }

    /** The order's funds are held: it enters the book, trades what it can, and rests or ends. */
    @CommandHandler
    public void handle(AcceptOrder command) {
        BookOrder order = orders.get(command.orderId());
        if (order != null) {
            if (order.status() == OrderStatus.NEW) {
                apply(new OrderAccepted(symbol, order.orderId(), order.accountId(), command.reservationId(),
                        command.acceptedAt()));
                match(order, command.acceptedAt());
            }
            // A live order past NEW was accepted before: a redelivered acceptance changes nothing.
            return;
        }
        FinishedOrder ended = finished.get(command.orderId());
        // Ended before its hold arrived (cancelled meanwhile, or given up on): the hold goes back, even if a release
        // was sent before, since that one may have reached the portfolio ahead of the hold. The portfolio ignores a
        // release of a hold it already released. An order that ended after it was accepted, or that the book no
        // longer remembers, gets nothing back here: its settlements may still draw on the hold.
        if (ended != null && ended.unusedHold() != null) {
            apply(new ReservationReleaseDue(symbol, command.orderId(), ended.accountId(), ended.reservationId(),
                    ended.asset(), ended.unusedHold()));
        }
    }

    @CommandHandler
    public void handle(RejectOrder command) {
        BookOrder order = orders.get(command.orderId());
        // An order already ended, or long forgotten, stays as it is.
        if (order != null && order.status() == OrderStatus.NEW) {
            apply(new OrderRejected(symbol, order.orderId(), order.accountId(), command.reason(),
                    command.rejectedAt()));
            if (command.reason() == RejectReason.RESERVATION_FAILED) {
                // Whether the hold was placed is unknown: release it, which is harmless if it never was.
                releaseUnneededHold(order);
            }
        }
    }

    @CommandHandler
    public OrderStatus handle(CancelOrder command) {
        FinishedOrder ended = finished.get(command.orderId());
        if (ended != null) {
            throw orderFinished(command.orderId(), ended.status());
        }
        BookOrder order = orders.get(command.orderId());
        if (order == null) {
            throw new OrderNotFoundException("no order " + command.orderId() + " on the book of " + symbol);
        }
        // A NEW order's funds are still being reserved: its hold, once made, is released when the answer arrives.
        boolean holdInPlace = order.status() != OrderStatus.NEW;
        apply(new OrderCancelled(symbol, order.orderId(), order.accountId(), CancelReason.CLIENT,
                command.requestedAt()));
        if (holdInPlace) {
            releaseUnneededHold(order);
        }
        return OrderStatus.CANCELLED;
    }

    private void match(BookOrder order, Instant at) {
        Execution execution = book.match(new IncomingOrder(order.orderId(), order.accountId(), order.side(),
                order.remainingQuantity(), order.limitPrice() == null ? IncomingOrder.NO_LIMIT : ticks(order.limitPrice()),
                costCap(order), order.timeInForce() == TimeInForce.FOK));
        for (Fill fill : execution.fills()) {
            boolean buying = order.side() == Side.BUY;
            BookOrder resting = orders.get(fill.restingOrderId());
            apply(new TradeExecuted(symbol, symbol + "-" + (tradeCount + 1),
                    buying ? order.orderId() : resting.orderId(), buying ? resting.orderId() : order.orderId(),
                    buying ? order.accountId() : resting.accountId(), buying ? resting.accountId() : order.accountId(),
                    buying ? order.reservationId() : resting.reservationId(),
                    buying ? resting.reservationId() : order.reservationId(),
                    price(fill.priceTicks()), fill.quantity(), order.side(), at));
            if (resting.remainingQuantity() == 0) {
                apply(new OrderFilled(symbol, resting.orderId(), resting.accountId(), at));
                releaseUnneededHold(resting);
            }
        }
        if (order.remainingQuantity() == 0) {
            apply(new OrderFilled(symbol, order.orderId(), order.accountId(), at));
        } else if (execution.selfTradePrevented()) {
            apply(new OrderCancelled(symbol, order.orderId(), order.accountId(), CancelReason.SELF_TRADE_PREVENTED, at));
        } else if (order.timeInForce() != TimeInForce.GTC) {
            apply(new OrderExpired(symbol, order.orderId(), order.accountId(), at));
        } else if (order.type() == OrderType.MARKET) {
            apply(new OrderCancelled(symbol, order.orderId(), order.accountId(), CancelReason.MARKET_REMAINDER, at));
        } else {
            apply(new OrderRested(symbol, order.orderId(), order.accountId(), order.side(), order.limitPrice(),
                    order.remainingQuantity()));
            return;
        }
        releaseUnneededHold(order);
    }

    /** A buy may never spend more than it holds; prices are in ticks, so its cap is too. */
    private long costCap(BookOrder order) {
        if (order.side() != Side.BUY || order.reservedAmount() == null) {
            return IncomingOrder.NO_CAP;
        }
        return order.reservedAmount().divideToIntegralValue(tickSize).longValueExact();
    }

    private void releaseUnneededHold(BookOrder order) {
        BigDecimal unneeded = order.unneededHold();
        if (unneeded.signum() > 0) {
            apply(new ReservationReleaseDue(symbol, order.orderId(), order.accountId(), order.reservationId(),
                    order.reservedAsset(), unneeded));
        }
    }

    private static void requireWellFormed(PlaceOrder command) {
        if (isBlank(command.orderId()) || isBlank(command.accountId()) || command.side() == null
                || command.type() == null || command.timeInForce() == null || command.quantity() <= 0) {
            throw new DomainException(Kind.INVALID, "INVALID_ORDER",
                    "an order needs an id, an account, a side, a type, a time in force and a positive quantity");
        }
    }

    private Optional<RejectReason> refusalOf(PlaceOrder command) {
        if (!isListed()) {
            return Optional.of(RejectReason.UNKNOWN_INSTRUMENT);
        }
        BigDecimal price = command.limitPrice();
        if (price == null) {
            return command.type() == OrderType.LIMIT ? Optional.of(RejectReason.INVALID_PRICE) : Optional.empty();
        }
        if (price.signum() <= 0 || price.remainder(tickSize).signum() != 0) {
            return Optional.of(RejectReason.INVALID_PRICE);
        }
        return Optional.empty();
    }

    /**
     * The hold an order needs before it may enter the book: units for a sell, the most a buy can cost for a buy.
     * A market buy without a worst price holds the cost of sweeping the asks now plus a collar, and will never
     * spend more than that; with no asks at all there is nothing to trade and nothing to bound it by.
     */
    private Optional<BigDecimal> holdFor(PlaceOrder command) {
        if (command.side() == Side.SELL) {
            return Optional.of(BigDecimal.valueOf(command.quantity()));
        }
        if (command.limitPrice() != null) {
            return Optional.of(command.limitPrice().multiply(BigDecimal.valueOf(command.quantity()))
                    .setScale(Assets.CASH_SCALE, RoundingMode.UNNECESSARY));
        }
        MatchingBook.SweepCost sweep = book.sweepCost(command.quantity());
        if (sweep.availableQuantity() == 0) {
            return Optional.empty();
        }
        long boundTicks = sweep.costTicks() + (command.quantity() - sweep.availableQuantity()) * sweep.worstPriceTicks();
        return Optional.of(price(boundTicks).multiply(MARKET_BUY_COLLAR).setScale(Assets.CASH_SCALE, RoundingMode.UP));
    }

    private long ticks(BigDecimal price) {
        return price.divide(tickSize).longValueExact();
    }

    private BigDecimal price(long ticks) {
        return tickSize.multiply(BigDecimal.valueOf(ticks));
    }

    private static DomainException orderIdReused(PlaceOrder command) {
        return new DomainException(Kind.UNPROCESSABLE, "ORDER_ID_REUSED",
                "order " + command.orderId() + " was placed with different content");
    }

    public static DomainException orderFinished(String orderId, OrderStatus status) {
        return new DomainException(Kind.CONFLICT, "ORDER_FINISHED",
                "order " + orderId + " is already " + status + " and cannot be cancelled");
    }

    private boolean isListed() {
        return tickSize != null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Resting order ids of one side in the order they would fill. */
    List<String> restingOrders(Side side) {
        return book.priorityOrder(side);
    }

    MatchingBook matchingBook() {
        return book;
    }

    /** A live order, or null once it ended. */
    BookOrder order(String orderId) {
        return orders.get(orderId);
    }

    OrderStatus statusOf(String orderId) {
        BookOrder live = orders.get(orderId);
        if (live != null) {
            return live.status();
        }
        FinishedOrder ended = finished.get(orderId);
        return ended == null ? null : ended.status();
    }

    int liveOrders() {
        return orders.size();
    }

    int finishedKept() {
        return finished.size();
    }

    @EventSourcingHandler
    void on(InstrumentListed event) {
        symbol = event.symbol();
        tickSize = event.tickSize();
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        symbol = event.symbol();
        orders.put(event.orderId(), BookOrder.placed(event));
    }

    @EventSourcingHandler
    void on(ReservationRequested event) {
        orders.get(event.orderId()).reservationRequested(event.reservationId(), event.asset(), event.amount());
    }

    @EventSourcingHandler
    void on(OrderAccepted event) {
        orders.get(event.orderId()).open();
    }

    @EventSourcingHandler
    void on(TradeExecuted event) {
        tradeCount++;
        orders.get(event.buyOrderId()).traded(event.quantity(), event.price());
        orders.get(event.sellOrderId()).traded(event.quantity(), event.price());
        String restingOrderId = event.aggressorSide() == Side.BUY ? event.sellOrderId() : event.buyOrderId();
        book.fill(restingOrderId, event.quantity());
    }

    @EventSourcingHandler
    void on(OrderRested event) {
        book.rest(event.orderId(), event.accountId(), event.side(), ticks(event.price()), event.quantity());
    }

    @EventSourcingHandler
    void on(OrderFilled event) {
        end(event.orderId(), OrderStatus.FILLED);
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        end(event.orderId(), OrderStatus.CANCELLED);
        book.remove(event.orderId());
    }

    @EventSourcingHandler
    void on(OrderExpired event) {
        end(event.orderId(), OrderStatus.EXPIRED);
    }

    @EventSourcingHandler
    void on(OrderRejected event) {
        end(event.orderId(), OrderStatus.REJECTED);
    }

    @EventSourcingHandler
    void on(ReservationReleaseDue event) {
        BookOrder order = orders.get(event.orderId());
        if (order != null) {
            order.holdReleased();
        }
    }

    /** The order leaves the live ones; the window of ended ones forgets its oldest beyond its size. */
    private void end(String orderId, OrderStatus status) {
        BookOrder order = orders.remove(orderId);
        order.end(status);
        finished.put(orderId, order.finished());
        if (finished.size() > FINISHED_KEPT) {
            finished.remove(finished.keySet().iterator().next());
        }
    }
}
