package io.bourse.order.matching;

import io.bourse.events.order.Side;

/**
 * An order arriving at the book. Prices are whole ticks.
 *
 * @param limitTicks   the worst price it accepts, or {@link #NO_LIMIT} for a market order without one
 * @param maxCostTicks for a buy, the most it may spend in ticks times units (its hold); {@link #NO_CAP} otherwise
 * @param fillOrKill   all of it at once, or nothing
 */
public record IncomingOrder(String orderId, String accountId, Side side, long quantity, long limitTicks,
                            long maxCostTicks, boolean fillOrKill) {

    public static final long NO_LIMIT = -1;
    public static final long NO_CAP = Long.MAX_VALUE;

    public IncomingOrder {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }

    boolean accepts(long priceTicks) {
        if (limitTicks == NO_LIMIT) {
            return true;
        }
        return side == Side.BUY ? priceTicks <= limitTicks : priceTicks >= limitTicks;
    }
}
