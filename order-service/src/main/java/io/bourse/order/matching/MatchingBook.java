package io.bourse.order.matching;

import io.bourse.events.order.Side;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The resting orders of one symbol in price-time priority, and the matching rules.
 * <p>
 * Matching is split in two so an event-sourced owner can use it: {@link #match} works out the fills without
 * touching the book, and {@link #rest}, {@link #fill} and {@link #remove} change it, each replayable from an event.
 * <p>
 * Rules: best price first, then arrival order within a price; a trade executes at the resting order's price; an
 * incoming order never trades with a resting order of its own account (the walk stops there, and the remainder is
 * the caller's to cancel); a fill-or-kill order fills completely or not at all; a buy never spends more than its
 * cost cap.
 * <p>
 * Plain fields of plain types, so a snapshot written field by field restores it; the order index is rebuilt on
 * first use after that.
 */
public final class MatchingBook {

    /** Best bid first: keys are negated prices. */
    private TreeMap<Long, Level> bids = new TreeMap<>();
    /** Best ask first. */
    private TreeMap<Long, Level> asks = new TreeMap<>();
    private transient Map<String, Resting> index;

    public Execution match(IncomingOrder order) {
        List<Fill> fills = new ArrayList<>();
        long remaining = order.quantity();
        long cost = 0;
        boolean selfTrade = false;
        walk:
        for (Level level : opposite(order.side()).values()) {
            if (!order.accepts(level.priceTicks)) {
                break;
            }
            for (Resting resting : level.queue) {
                if (resting.accountId.equals(order.accountId())) {
                    selfTrade = true;
                    break walk;
                }
                long quantity = Math.min(remaining, resting.remaining);
                if (order.side() == Side.BUY && order.maxCostTicks() != IncomingOrder.NO_CAP) {
                    quantity = Math.min(quantity, (order.maxCostTicks() - cost) / level.priceTicks);
                    if (quantity == 0) {
                        break walk;
                    }
                }
                fills.add(new Fill(resting.orderId, resting.accountId, level.priceTicks, quantity));
                remaining -= quantity;
                cost += quantity * level.priceTicks;
                if (remaining == 0) {
                    break walk;
                }
            }
        }
        if (order.fillOrKill() && remaining > 0) {
            return new Execution(List.of(), 0, order.quantity(), selfTrade, true);
        }
        return new Execution(fills, order.quantity() - remaining, remaining, selfTrade, false);
    }

    /**
     * What buying {@code quantity} from the asks would cost now, in ticks times units, with the units the asks
     * hold at most; for bounding a market buy that names no worst price.
     */
    public SweepCost sweepCost(long quantity) {
        long remaining = quantity;
        long cost = 0;
        long worst = 0;
        for (Level level : asks.values()) {
            long take = Math.min(remaining, level.quantity);
            cost += take * level.priceTicks;
            worst = level.priceTicks;
            remaining -= take;
            if (remaining == 0) {
                break;
            }
        }
        return new SweepCost(quantity - remaining, cost, worst);
    }

    public record SweepCost(long availableQuantity, long costTicks, long worstPriceTicks) {
    }

    public void rest(String orderId, String accountId, Side side, long priceTicks, long quantity) {
        if (index().containsKey(orderId)) {
            throw new IllegalStateException("order " + orderId + " is already resting");
        }
        TreeMap<Long, Level> book = side == Side.BUY ? bids : asks;
        long key = side == Side.BUY ? -priceTicks : priceTicks;
        Level level = book.computeIfAbsent(key, k -> new Level(priceTicks));
        Resting resting = new Resting(orderId, accountId, side, priceTicks, quantity);
        level.queue.addLast(resting);
        level.quantity += quantity;
        index().put(orderId, resting);
    }

    /** A resting order traded {@code quantity}; it leaves the book when nothing is left. */
    public void fill(String orderId, long quantity) {
        Resting resting = index().get(orderId);
        if (resting == null) {
            throw new IllegalStateException("order " + orderId + " is not resting");
        }
        Level level = levelOf(resting);
        resting.remaining -= quantity;
        level.quantity -= quantity;
        if (resting.remaining <= 0) {
            level.queue.remove(resting);
            index.remove(orderId);
            dropIfEmpty(resting, level);
        }
    }

    /** Takes a resting order off the book; false when it was not resting. */
    public boolean remove(String orderId) {
        Resting resting = index().remove(orderId);
        if (resting == null) {
            return false;
        }
        Level level = levelOf(resting);
        level.queue.remove(resting);
        level.quantity -= resting.remaining;
        dropIfEmpty(resting, level);
        return true;
    }

    public boolean isResting(String orderId) {
        return index().containsKey(orderId);
    }

    public long restingQuantity(String orderId) {
        Resting resting = index().get(orderId);
        return resting == null ? 0 : resting.remaining;
    }

    public List<DepthLevel> depth(Side side, int maxLevels) {
        List<DepthLevel> depth = new ArrayList<>();
        for (Level level : (side == Side.BUY ? bids : asks).values()) {
            if (depth.size() == maxLevels) {
                break;
            }
            depth.add(new DepthLevel(level.priceTicks, level.quantity, level.queue.size()));
        }
        return depth;
    }

    public OptionalLong bestBid() {
        return bids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(bids.firstEntry().getValue().priceTicks);
    }

    public OptionalLong bestAsk() {
        return asks.isEmpty() ? OptionalLong.empty() : OptionalLong.of(asks.firstEntry().getValue().priceTicks);
    }

    /** A book is crossed when its best bid reaches its best ask; matching must never leave it so. */
    public boolean isCrossed() {
        return bestBid().isPresent() && bestAsk().isPresent() && bestBid().getAsLong() >= bestAsk().getAsLong();
    }

    /** Resting order ids of one side in the order they would fill. */
    public List<String> priorityOrder(Side side) {
        List<String> ids = new ArrayList<>();
        for (Level level : (side == Side.BUY ? bids : asks).values()) {
            for (Resting resting : level.queue) {
                ids.add(resting.orderId);
            }
        }
        return ids;
    }

    private TreeMap<Long, Level> opposite(Side side) {
        return side == Side.BUY ? asks : bids;
    }

    private Level levelOf(Resting resting) {
        return resting.side == Side.BUY ? bids.get(-resting.priceTicks) : asks.get(resting.priceTicks);
    }

    private void dropIfEmpty(Resting resting, Level level) {
        if (level.queue.isEmpty()) {
            if (resting.side == Side.BUY) {
                bids.remove(-resting.priceTicks);
            } else {
                asks.remove(resting.priceTicks);
            }
        }
    }

    private Map<String, Resting> index() {
        if (index == null) {
            index = new HashMap<>();
            for (TreeMap<Long, Level> book : List.of(bids, asks)) {
                for (Level level : book.values()) {
                    for (Iterator<Resting> it = level.queue.iterator(); it.hasNext(); ) {
                        Resting resting = it.next();
                        index.put(resting.orderId, resting);
                    }
                }
            }
        }
        return index;
    }

    /** The orders resting at one price, oldest first. */
    static final class Level {
        private long priceTicks;
        private long quantity;
        private ArrayDeque<Resting> queue = new ArrayDeque<>();

        Level() {
        }

        Level(long priceTicks) {
            this.priceTicks = priceTicks;
        }
    }

    static final class Resting {
        private String orderId;
        private String accountId;
        private Side side;
        private long priceTicks;
        private long remaining;

        Resting() {
        }

        Resting(String orderId, String accountId, Side side, long priceTicks, long remaining) {
            this.orderId = orderId;
            this.accountId = accountId;
            this.side = side;
            this.priceTicks = priceTicks;
            this.remaining = remaining;
        }
    }
}
