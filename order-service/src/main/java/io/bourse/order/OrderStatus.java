package io.bourse.order;

/** An order's lifecycle as clients see it; the book, its projection and the API share these names. */
public enum OrderStatus {
    NEW, OPEN, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED, EXPIRED;

    public boolean isFinished() {
        return this == FILLED || this == CANCELLED || this == REJECTED || this == EXPIRED;
    }
}
