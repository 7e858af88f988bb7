package io.bourse.events.order;

/** Why an order was rejected. */
public enum RejectReason {
    INSUFFICIENT_FUNDS,
    UNKNOWN_INSTRUMENT,
    UNKNOWN_ACCOUNT,
    INVALID_PRICE,
    /**
     * The portfolio gave no answer on the order's hold in time (or the request failed on its way): the order ends
     * rather than waiting without bound, and whatever was held for it is released.
     */
    RESERVATION_FAILED
}
