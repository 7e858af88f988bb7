package io.bourse.order.book;

import io.bourse.events.order.OrderPlaced;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.PlaceOrder;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import io.bourse.order.OrderStatus;
import java.math.BigDecimal;
import java.util.Objects;

/** An order the book is working on: waiting for its hold, or resting. Once it ends, a {@link FinishedOrder}. */
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
    private String reservationId;
    private String reservedAsset;
    private BigDecimal reservedAmount;
    private boolean holdReleased;
    private boolean accepted;
    private long filledQuantity;
    private BigDecimal filledNotional = BigDecimal.ZERO;

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

    /** The request's content in 64 bits, for comparing a repeat with an order that has ended. */
    long fingerprint() {
        return fingerprintOf(accountId, side, type, timeInForce, quantity, limitPrice, clientOrderId);
    }

    static long fingerprint(PlaceOrder command) {
        return fingerprintOf(command.accountId(), command.side(), command.type(), command.timeInForce(),
                command.quantity(), command.limitPrice(), command.clientOrderId());
    }

    private static long fingerprintOf(String accountId, Side side, OrderType type, TimeInForce timeInForce,
                                      long quantity, BigDecimal limitPrice, String clientOrderId) {
        String price = limitPrice == null ? "" : limitPrice.stripTrailingZeros().toPlainString();
        String request = accountId + '|' + side + '|' + type + '|' + timeInForce + '|' + quantity + '|' + price + '|'
                + clientOrderId;
        long hash = 1125899906842597L;
        for (int i = 0; i < request.length(); i++) {
            hash = 31 * hash + request.charAt(i);
        }
        return hash;
    }

    FinishedOrder finished() {
        BigDecimal unused = accepted || reservedAmount == null ? null : reservedAmount;
        return new FinishedOrder(status, fingerprint(), accountId, reservationId, reservedAsset, unused);
    }

    /** Only a limit order good till cancelled waits on the book; market, IOC and FOK orders never rest. */
    boolean mayRest() {
        return type == OrderType.LIMIT && timeInForce == TimeInForce.GTC;
    }

    long remainingQuantity() {
        return quantity - filledQuantity;
    }

    /**
     * What of the hold the order's fills do not need: for a buy, the cash reserved less what its fills cost (which
     * includes any price improvement); for a sell, the units reserved less those sold. Zero once released.
     */
    BigDecimal unneededHold() {
        if (reservedAmount == null || holdReleased) {
            return BigDecimal.ZERO;
        }
        BigDecimal used = side == Side.BUY ? filledNotional : BigDecimal.valueOf(filledQuantity);
        return reservedAmount.subtract(used).max(BigDecimal.ZERO);
    }

    void reservationRequested(String reservationId, String asset, BigDecimal amount) {
        this.reservationId = reservationId;
        this.reservedAsset = asset;
        this.reservedAmount = amount;
    }

    void open() {
        status = OrderStatus.OPEN;
        accepted = true;
    }

    void traded(long tradedQuantity, BigDecimal price) {
        filledQuantity += tradedQuantity;
        filledNotional = filledNotional.add(price.multiply(BigDecimal.valueOf(tradedQuantity)));
        status = filledQuantity == quantity ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
    }

    void end(OrderStatus finalStatus) {
        status = finalStatus;
    }

    void holdReleased() {
        holdReleased = true;
    }

    OrderType type() {
        return type;
    }

    TimeInForce timeInForce() {
        return timeInForce;
    }

    String reservationId() {
        return reservationId;
    }

    String reservedAsset() {
        return reservedAsset;
    }

    BigDecimal reservedAmount() {
        return reservedAmount;
    }

    long filledQuantity() {
        return filledQuantity;
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
                && status == that.status
                && Objects.equals(reservationId, that.reservationId)
                && Objects.equals(reservedAmount, that.reservedAmount)
                && holdReleased == that.holdReleased
                && accepted == that.accepted
                && filledQuantity == that.filledQuantity
                && filledNotional.compareTo(that.filledNotional) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, status);
    }
}
