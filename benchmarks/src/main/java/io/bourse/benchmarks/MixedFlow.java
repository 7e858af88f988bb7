package io.bourse.benchmarks;

import io.bourse.events.order.Side;
import io.bourse.order.matching.Execution;
import io.bourse.order.matching.Fill;
import io.bourse.order.matching.MatchingBook;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A stream of 70% passive limit orders, 20% cancels of a random live order and 10% crossing orders, one symbol.
 * <p>
 * Passive orders are GTC and rest within 20 ticks of a fixed reference price (bids below it, asks above), so
 * they never cross. A crossing order is an IOC that may sweep the whole opposite side; its size grows with the
 * book (about 100 units when {@value #TARGET_ORDERS} orders rest), so trades take out what passive orders bring
 * beyond cancels and the book settles at about 2,700 orders over some 25 levels instead of growing or draining.
 * The random choices are drawn once, with a fixed seed, before measuring.
 */
@State(Scope.Thread)
public class MixedFlow {

    static final int PASSIVE = 0;
    static final int CANCEL = 1;
    static final int CROSS = 2;
    static final long REFERENCE_PRICE = 10_000;
    static final int TARGET_ORDERS = 5_000;
    private static final int DRAWS = 1 << 16;
    private static final int WARM_UP_OPS = 200_000;

    final MatchingBook book = new MatchingBook();
    final List<String> live = new ArrayList<>();
    final long[] opsByKind = new long[3];
    private final byte[] kinds = new byte[DRAWS];
    private final boolean[] buys = new boolean[DRAWS];
    private final int[] offsets = new int[DRAWS];
    private final int[] quantities = new int[DRAWS];
    private final int[] picks = new int[DRAWS];
    private final String[] accounts = {"a-0", "a-1", "a-2", "a-3", "a-4", "a-5", "a-6", "a-7"};
    private int cursor;
    private int placed;
    private int restingOrders;

    @Setup
    public void seed() {
        Random random = new Random(20_261_102L);
        for (int i = 0; i < DRAWS; i++) {
            int roll = random.nextInt(100);
            kinds[i] = (byte) (roll < 70 ? PASSIVE : roll < 90 ? CANCEL : CROSS);
            buys[i] = random.nextBoolean();
            offsets[i] = random.nextInt(20);
            quantities[i] = 1 + random.nextInt(20);
            picks[i] = random.nextInt(1 << 30);
        }
        for (int i = 0; i < WARM_UP_OPS; i++) {
            next();
        }
        Arrays.fill(opsByKind, 0);
    }

    /** One order event of the stream; answers units traded (1 for a cancel) so the work cannot be optimised away. */
    public long next() {
        int draw = cursor++ & (DRAWS - 1);
        opsByKind[kinds[draw]]++;
        switch (kinds[draw]) {
            case PASSIVE:
                return passive(draw);
            case CANCEL:
                return cancel(draw);
            default:
                return cross(draw);
        }
    }

    private long passive(int draw) {
        Side side = buys[draw] ? Side.BUY : Side.SELL;
        long price = side == Side.BUY ? REFERENCE_PRICE - 1 - offsets[draw] : REFERENCE_PRICE + 1 + offsets[draw];
        // A new id per order, as every PlaceOrder brings one.
        String id = "o-" + placed++;
        Execution execution = Books.submit(book, Books.limit(id, accounts[placed & 7], side, quantities[draw], price),
                true);
        live.add(id);
        restingOrders++;
        return execution.filledQuantity();
    }

    private long cancel(int draw) {
        // A picked order may have been filled meanwhile; its id leaves the list and another is tried.
        for (int attempt = 0; attempt < 8 && !live.isEmpty(); attempt++) {
            int index = (picks[draw] + attempt * 7_919) % live.size();
            String id = live.get(index);
            live.set(index, live.get(live.size() - 1));
            live.remove(live.size() - 1);
            if (book.remove(id)) {
                restingOrders--;
                return 1;
            }
        }
        return 0;
    }

    private long cross(int draw) {
        Side side = buys[draw] ? Side.BUY : Side.SELL;
        long limit = side == Side.BUY ? REFERENCE_PRICE + 21 : REFERENCE_PRICE - 21;
        long quantity = 1 + (50L + 5L * quantities[draw]) * restingOrders / TARGET_ORDERS;
        Execution execution = Books.submit(book, Books.limit("taker-order", "taker", side, quantity, limit), false);
        List<Fill> fills = execution.fills();
        if (!fills.isEmpty()) {
            // Every fill but the last takes its resting order whole; the last may leave part of it.
            boolean lastStays = book.isResting(fills.get(fills.size() - 1).restingOrderId());
            restingOrders -= fills.size() - (lastStays ? 1 : 0);
        }
        return execution.filledQuantity();
    }

    /** Orders on the book now, both sides. */
    int restingOrders() {
        return restingOrders;
    }
}
