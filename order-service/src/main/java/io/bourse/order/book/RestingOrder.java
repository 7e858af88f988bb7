package io.bourse.order.book;

import java.util.Objects;

/** An order's place in a price level's queue: what matching needs to fill against it, and nothing more. */
final class RestingOrder {

    private String orderId;
    private String accountId;
    private long remainingQuantity;

    private RestingOrder() {
    }

    RestingOrder(String orderId, String accountId, long remainingQuantity) {
        this.orderId = orderId;
        this.accountId = accountId;
        this.remainingQuantity = remainingQuantity;
    }

    String orderId() {
        return orderId;
    }

    String accountId() {
        return accountId;
    }

    long remainingQuantity() {
        return remainingQuantity;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RestingOrder that
                && remainingQuantity == that.remainingQuantity
                && Objects.equals(orderId, that.orderId)
                && Objects.equals(accountId, that.accountId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, remainingQuantity);
    }

    @Override
    public String toString() {
        return orderId + "(" + remainingQuantity + ")";
    }
}
