package io.bourse.benchmarks;

import io.bourse.events.order.Side;
import io.bourse.order.matching.Execution;
import io.bourse.order.matching.IncomingOrder;
import io.bourse.order.matching.MatchingBook;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ten ask levels of four orders of 10 units each, and an immediate-or-cancel buy that takes the best five levels
 * whole: 20 fills at 5 prices. The op puts those 20 orders back afterwards, so every sweep meets the same book;
 * the refill is part of what is measured, as the 20 resting orders it replaces had once to be placed too.
 */
@State(Scope.Thread)
public class SweptBook {

    static final int LEVELS = 10;
    static final int ORDERS_PER_LEVEL = 4;
    static final int SWEPT_LEVELS = 5;
    static final long UNITS = 10;
    static final long BEST_ASK = 10_000;

    final MatchingBook book = new MatchingBook();
    private final String[][] askIds = new String[LEVELS][ORDERS_PER_LEVEL];
    private final String[] makers = new String[ORDERS_PER_LEVEL];
    private IncomingOrder sweep;

    @Setup
    public void seed() {
        for (int n = 0; n < ORDERS_PER_LEVEL; n++) {
            makers[n] = "maker-" + n;
        }
        for (int level = 0; level < LEVELS; level++) {
            for (int n = 0; n < ORDERS_PER_LEVEL; n++) {
                askIds[level][n] = "s-" + level + "-" + n;
                book.rest(askIds[level][n], makers[n], Side.SELL, BEST_ASK + level, UNITS);
                book.rest("b-" + level + "-" + n, makers[n], Side.BUY, BEST_ASK - 1 - level, UNITS);
            }
        }
        sweep = new IncomingOrder("sweep", "taker", Side.BUY, SWEPT_LEVELS * ORDERS_PER_LEVEL * UNITS,
                BEST_ASK + SWEPT_LEVELS - 1, IncomingOrder.NO_CAP, false);
    }

    /** The sweep (an IOC: nothing of it rests), then the refill of the levels it emptied. */
    public Execution sweepAndRefill() {
        Execution execution = Books.submit(book, sweep, false);
        for (int level = 0; level < SWEPT_LEVELS; level++) {
            for (int n = 0; n < ORDERS_PER_LEVEL; n++) {
                book.rest(askIds[level][n], makers[n], Side.SELL, BEST_ASK + level, UNITS);
            }
        }
        return execution;
    }
}
