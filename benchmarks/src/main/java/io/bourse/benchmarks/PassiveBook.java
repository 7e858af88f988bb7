package io.bourse.benchmarks;

import io.bourse.events.order.Side;
import io.bourse.order.matching.Execution;
import io.bourse.order.matching.IncomingOrder;
import io.bourse.order.matching.MatchingBook;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A two-sided book, 100 levels a side with 5 orders each, that a passive order joins and leaves: the cost of a
 * quote that never trades. Its price cycles through the 64 best bid levels, so it queues behind 5 orders.
 */
@State(Scope.Thread)
public class PassiveBook {

    static final int LEVELS = 100;
    static final int ORDERS_PER_LEVEL = 5;
    static final long BEST_BID = 9_999;
    static final long BEST_ASK = 10_001;
    private static final int PRICES = 64;

    final MatchingBook book = new MatchingBook();
    private final IncomingOrder[] quotes = new IncomingOrder[PRICES];
    private int cursor;

    @Setup
    public void seed() {
        for (int level = 0; level < LEVELS; level++) {
            for (int n = 0; n < ORDERS_PER_LEVEL; n++) {
                book.rest("b-" + level + "-" + n, "maker-" + n, Side.BUY, BEST_BID - level, 10);
                book.rest("s-" + level + "-" + n, "maker-" + n, Side.SELL, BEST_ASK + level, 10);
            }
        }
        for (int i = 0; i < PRICES; i++) {
            quotes[i] = Books.limit("quote", "quoter", Side.BUY, 10, BEST_BID - i);
        }
    }

    /** Places a bid below the best ask (it matches nothing and rests), then cancels it. */
    public Execution placeThenCancel() {
        IncomingOrder quote = quotes[cursor++ & (PRICES - 1)];
        Execution execution = Books.submit(book, quote, true);
        book.remove(quote.orderId());
        return execution;
    }
}
