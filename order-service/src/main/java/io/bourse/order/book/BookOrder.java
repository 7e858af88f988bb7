package io.bourse.order.book;

import io.bourse.events.order.OrderPlaced;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.PlaceOrder;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import io.bourse.order.OrderStatus;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Every order the book has received, resting or not: the book needs the finished ones too, to answer a repeated
 * {@link PlaceOrder} with the first outcome.
 */
final class BookOrder {

    private String orderId;
    private String accountId;
    private Side side;
    private OrderType type;
    private TimeInForce timeInForce;
    private long quantity;
    private BigDecimal limitPrice;
    private String clientOrderId;
    private OrderStatus status;

    private BookOrder() {
    }

    static BookOrder placed(OrderPlaced event) {
        BookOrder order = new BookOrder();
        order.orderId = event.orderId();
        order.accountId = event.accountId();
        order.side = event.side();
        order.type = event.type();
        order.timeInForce = event.timeInForce();
        order.quantity = event.quantity();
        order.limitPrice = event.limitPrice();
        order.clientOrderId = event.clientOrderId();
        order.status = OrderStatus.NEW;
        return order;
    }

    /** Whether a repeated command asks for this very order; the time it was sent may differ. */
    boolean sameRequestAs(PlaceOrder command) {
        return Objects.equals(accountId, command.accountId())
                && side == command.side()
                && type == command.type()
                && timeInForce == command.timeInForce()
                && quantity == command.quantity()
                && samePrice(limitPrice, command.limitPrice())
                && Objects.equals(clientOrderId, command.clientOrderId());
    }

    private static boolean samePrice(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    /**
     * Only limit orders have a price to wait at. Market orders must never rest; IOC and FOK differ from GTC only in
     * what happens to the part left after matching, which arrives with the matching engine: until then a limit
     * order rests whatever its time in force.
     */
    boolean rests() {
        return type == OrderType.LIMIT;
    }

    void open() {
        status = OrderStatus.OPEN;
    }

    void reject() {
        status = OrderStatus.REJECTED;
    }

    String orderId() {
        return orderId;
    }

    String accountId() {
        return accountId;
    }

    Side side() {
        return side;
    }

    long quantity() {
        return quantity;
    }

    BigDecimal limitPrice() {
        return limitPrice;
    }

    OrderStatus status() {
        return status;
    }

    // Value equality lets the aggregate test fixture compare the state it sourced with the state it handled on.
    @Override
    public boolean equals(Object other) {
        return other instanceof BookOrder that
                && quantity == that.quantity
                && Objects.equals(orderId, that.orderId)
                && Objects.equals(accountId, that.accountId)
                && side == that.side
                && type == that.type
                && timeInForce == that.timeInForce
                && Objects.equals(limitPrice, that.limitPrice)
                && Objects.equals(clientOrderId, that.clientOrderId)
                && status == that.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, status);
    }
}
