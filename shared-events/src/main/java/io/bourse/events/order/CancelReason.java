package io.bourse.events.order;

/** Why an order, or the unfilled rest of it, was cancelled. */
public enum CancelReason {
    /** The client asked. */
    CLIENT,
    /** The order would have traded with a resting order of the same account; its remainder was cancelled instead. */
    SELF_TRADE_PREVENTED,
    /** A market order never rests: what the book could not fill at once was cancelled. */
    MARKET_REMAINDER,
    /** A market buy without a worst price met an empty book: nothing to trade with, nothing to bound its cost. */
    NO_LIQUIDITY
}
