package io.bourse.benchmarks.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, from the statuses read so far, which orders of a step have finished their flow.
 *
 * Orders at a symbol's crossing price pair up with whichever order of the other side comes first, not with the
 * order of their own unit. So when a buy is lost (its POST failed, or it ended REJECTED, EXPIRED or CANCELLED),
 * some sell at that price stays on the book for good, and it need not be its own unit's sell. Such an order is an
 * orphan, and it is finished, once no order of the other side is still on its way and there are no more resting
 * orders than were lost on the other side, plus those left resting by earlier steps (the carry), which the first
 * orders of this step met instead.
 */
final class Completion {

    enum State {
        /** In the status its role expects. */
        REACHED,
        /** In a final status its role does not expect (REJECTED, EXPIRED, an unasked-for CANCELLED...). */
        UNEXPECTED,
        /** Resting at the crossing price for want of a counterpart that was lost. */
        ORPHANED,
        /** Not there yet: not visible, NEW, or resting while a counterpart may still come. */
        PENDING
    }

    /** An order as last read; status is null while the order is not visible yet. */
    record Order(Role role, int symbol, Side side, String expected, String status) {
    }

    /** Resting crossing-price orders per symbol and side that a later step's orders may meet first. */
    record Carry(Map<String, Long> resting) {

        static final Carry NONE = new Carry(Map.of());

        Carry {
            resting = Map.copyOf(resting);
        }

        long of(int symbol, Side side) {
            return resting.getOrDefault(key(symbol, side), 0L);
        }

        long total() {
            return resting.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    record Judgement(State[] states, Carry carry) {

        long count(State state) {
            long count = 0;
            for (State each : states) {
                count += each == state ? 1 : 0;
            }
            return count;
        }
    }

    private static final Set<String> FINAL = Set.of("FILLED", "CANCELLED", "REJECTED", "EXPIRED");

    private Completion() {
    }

    /**
     * The failed counts are POSTs at the crossing price that were not accepted, by symbol and side (keyed as in
     * Carry); the unanswered ones are those of them that got no answer at all, which the server may still have taken.
     */
    static Judgement judge(List<Order> orders, Map<String, Long> failed, Map<String, Long> unanswered, Carry carry) {
        State[] states = new State[orders.size()];
        Map<String, Long> lost = new HashMap<>(failed);
        Map<String, Long> onTheWay = new HashMap<>();
        Map<String, Long> resting = new HashMap<>();
        for (int i = 0; i < orders.size(); i++) {
            Order order = orders.get(i);
            states[i] = first(order);
            if (!order.role().atCrossPrice) {
                continue;
            }
            String key = key(order.symbol(), order.side());
            if (states[i] == State.UNEXPECTED && !"FILLED".equals(order.status())) {
                lost.merge(key, 1L, Long::sum);
            } else if (states[i] == State.PENDING) {
                onTheWay.merge(key, 1L, Long::sum);
            } else if (states[i] == State.ORPHANED) {
                resting.merge(key, 1L, Long::sum);
            }
        }
        Map<String, Boolean> orphansAllowed = new HashMap<>();
        Map<String, Long> nextCarry = new HashMap<>();
        for (Map.Entry<String, Long> entry : resting.entrySet()) {
            int symbol = Integer.parseInt(entry.getKey().substring(0, entry.getKey().indexOf('/')));
            Side side = Side.valueOf(entry.getKey().substring(entry.getKey().indexOf('/') + 1));
            Side other = side == Side.BUY ? Side.SELL : Side.BUY;
            String otherKey = key(symbol, other);
            long allowance = lost.getOrDefault(otherKey, 0L) + carry.of(symbol, side);
            boolean allowed = onTheWay.getOrDefault(otherKey, 0L) == 0 && entry.getValue() <= allowance;
            orphansAllowed.put(entry.getKey(), allowed);
        }
        for (int i = 0; i < orders.size(); i++) {
            if (states[i] == State.ORPHANED) {
                String key = key(orders.get(i).symbol(), orders.get(i).side());
                if (orphansAllowed.get(key)) {
                    nextCarry.merge(key, 1L, Long::sum);
                } else {
                    states[i] = State.PENDING;
                }
            }
        }
        // An order the server may have taken without answering may rest as well: the next step allows for it.
        unanswered.forEach((key, count) -> nextCarry.merge(key, count, Long::sum));
        return new Judgement(states, new Carry(nextCarry));
    }

    /** The state an order's own status gives, before the orphans are weighed. */
    private static State first(Order order) {
        String status = order.status();
        if (status == null || status.equals("NEW") || status.equals("PARTIALLY_FILLED")) {
            return State.PENDING;
        }
        if (status.equals(order.expected())) {
            return State.REACHED;
        }
        if (status.equals("OPEN")) {
            return order.role().atCrossPrice && order.expected().equals("FILLED") ? State.ORPHANED : State.PENDING;
        }
        return FINAL.contains(status) ? State.UNEXPECTED : State.PENDING;
    }

    static String key(int symbol, Side side) {
        return symbol + "/" + side.name();
    }
}
