package io.bourse.order.book;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bourse.events.Assets;
import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.order.AcceptOrder;
import io.bourse.events.order.InstrumentListed;
import io.bourse.events.order.ListInstrument;
import io.bourse.events.order.OrderAccepted;
import io.bourse.events.order.OrderNotFoundException;
import io.bourse.events.order.OrderPlaced;
import io.bourse.events.order.OrderRejected;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.PlaceOrder;
import io.bourse.events.order.RejectOrder;
import io.bourse.events.order.RejectReason;
import io.bourse.events.order.ReservationRequested;
import io.bourse.events.order.Side;
import io.bourse.order.OrderStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The order book of one symbol, and every order ever placed on it. One aggregate per symbol makes the book the
 * single writer of its orders: placing, accepting and (later) matching an order are each one append to one stream.
 */
@Aggregate(snapshotTriggerDefinition = "orderBookSnapshotTrigger", cache = "orderBookCache")
public class OrderBook {

    @AggregateIdentifier
    private String symbol;
    private BigDecimal tickSize;
    private LinkedHashMap<String, BookOrder> orders = new LinkedHashMap<>();
    private BookSide bids = new BookSide(Side.BUY);
    private BookSide asks = new BookSide(Side.SELL);

    protected OrderBook() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ListInstrument command) {
        if (isListed()) {
            throw new DomainException(Kind.CONFLICT, "INSTRUMENT_ALREADY_LISTED",
                    command.symbol() + " is already listed");
        }
        if (!Assets.isValidSymbol(command.symbol())) {
            throw new DomainException(Kind.INVALID, "INVALID_SYMBOL", "'" + command.symbol() + "' is not a symbol");
        }
        if (command.tickSize() == null || command.tickSize().signum() <= 0) {
            throw new DomainException(Kind.INVALID, "INVALID_TICK_SIZE", "the tick size must be positive");
        }
        apply(new InstrumentListed(command.symbol(), command.tickSize(), command.listedAt()));
    }

    /**
     * Records every well-formed order, even on a symbol that was never listed, so the client can look up why it
     * was rejected.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PlacementResult handle(PlaceOrder command) {
        BookOrder known = orders.get(command.orderId());
        if (known != null) {
            if (!known.sameRequestAs(command)) {
                throw new DomainException(Kind.UNPROCESSABLE, "ORDER_ID_REUSED",
                        "order " + command.orderId() + " was placed with different content");
            }
            return new PlacementResult(known.orderId(), known.status());
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
        reservationFor(command).ifPresent(reservation -> apply(reservation));
        return new PlacementResult(command.orderId(), OrderStatus.NEW);
    }

    @CommandHandler
    public void handle(AcceptOrder command) {
        BookOrder order = orderOf(command.orderId());
        // Anything but NEW was already decided: a redelivered reservation outcome changes nothing.
        if (order.status() == OrderStatus.NEW) {
            apply(new OrderAccepted(symbol, order.orderId(), order.accountId(), command.reservationId(),
                    command.acceptedAt()));
        }
    }

    @CommandHandler
    public void handle(RejectOrder command) {
        BookOrder order = orderOf(command.orderId());
        if (order.status() == OrderStatus.NEW) {
            apply(new OrderRejected(symbol, order.orderId(), order.accountId(), command.reason(),
                    command.rejectedAt()));
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
     * A market buy without a worst price has no such bound yet: it would come from the depth the matching engine
     * walks, so until that exists the order stays NEW rather than holding a made-up amount.
     */
    private Optional<ReservationRequested> reservationFor(PlaceOrder command) {
        String reservationId = command.orderId();
        if (command.side() == Side.SELL) {
            return Optional.of(new ReservationRequested(command.symbol(), command.orderId(), command.accountId(),
                    reservationId, command.symbol(), BigDecimal.valueOf(command.quantity())));
        }
        if (command.limitPrice() == null) {
            return Optional.empty();
        }
        // Rounding up never holds less than the order can cost when a tick is finer than a cent.
        BigDecimal cash = command.limitPrice().multiply(BigDecimal.valueOf(command.quantity()))
                .setScale(Assets.CASH_SCALE, RoundingMode.UP);
        return Optional.of(new ReservationRequested(command.symbol(), command.orderId(), command.accountId(),
                reservationId, Assets.CASH, cash));
    }

    private BookOrder orderOf(String orderId) {
        BookOrder order = orders.get(orderId);
        if (order == null) {
            throw new OrderNotFoundException("no order " + orderId + " on the book of " + symbol);
        }
        return order;
    }

    private boolean isListed() {
        return tickSize != null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Resting orders of one side in the order they would fill. */
    List<RestingOrder> restingOrders(Side side) {
        return sideOf(side).inPriorityOrder();
    }

    private BookSide sideOf(Side side) {
        return side == Side.BUY ? bids : asks;
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
    void on(OrderAccepted event) {
        BookOrder order = orders.get(event.orderId());
        order.open();
        if (order.rests()) {
            sideOf(order.side()).add(order.limitPrice(),
                    new RestingOrder(order.orderId(), order.accountId(), order.quantity()));
        }
    }

    @EventSourcingHandler
    void on(OrderRejected event) {
        orders.get(event.orderId()).reject();
    }
}
