package io.bourse.benchmarks.flow;

/** What one request does in its unit of work, and so which status its order should end in. */
enum Role {
    CROSS_SELL(Side.SELL, true, "FILLED"),
    CROSS_BUY(Side.BUY, true, "FILLED"),
    RESTING(null, false, "OPEN"),
    LIQUIDITY_SELL(Side.SELL, true, "FILLED"),
    MARKET_BUY(Side.BUY, true, "FILLED"),
    CANCEL(null, false, null);

    /** The side, for the roles that always take the same one. */
    final Side side;
    /**
     * Whether the order trades at the symbol's crossing price. All such orders on a symbol have one price and one
     * quantity, so any buy among them fills against any sell among them.
     */
    final boolean atCrossPrice;
    /** The status the order ends in when all goes well; a resting order that is cancelled ends CANCELLED. */
    final String expected;

    Role(Side side, boolean atCrossPrice, String expected) {
        this.side = side;
        this.atCrossPrice = atCrossPrice;
        this.expected = expected;
    }

    boolean placesAnOrder() {
        return this != CANCEL;
    }
}
