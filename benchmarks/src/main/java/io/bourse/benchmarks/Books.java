package io.bourse.benchmarks;

import io.bourse.events.order.Side;
import io.bourse.order.matching.Execution;
import io.bourse.order.matching.Fill;
import io.bourse.order.matching.IncomingOrder;
import io.bourse.order.matching.MatchingBook;

/** Drives a {@link MatchingBook} the way the OrderBook aggregate does, minus the events. */
final class Books {

    private Books() {
    }

    /**
     * Matches the order, applies every fill to the resting orders, and rests what is left when the order may rest
     * (a GTC limit order whose walk did not stop at its own account); anything else ends, as the aggregate decides.
     */
    static Execution submit(MatchingBook book, IncomingOrder order, boolean mayRest) {
        Execution execution = book.match(order);
        for (Fill fill : execution.fills()) {
            book.fill(fill.restingOrderId(), fill.quantity());
        }
        if (mayRest && execution.remainingQuantity() > 0 && !execution.selfTradePrevented()) {
            book.rest(order.orderId(), order.accountId(), order.side(), order.limitTicks(),
                    execution.remainingQuantity());
        }
        return execution;
    }

    static IncomingOrder limit(String orderId, String accountId, Side side, long quantity,
                               long limitTicks) {
        long cap = side == Side.BUY ? quantity * limitTicks : IncomingOrder.NO_CAP;
        return new IncomingOrder(orderId, accountId, side, quantity, limitTicks, cap, false);
    }
}
