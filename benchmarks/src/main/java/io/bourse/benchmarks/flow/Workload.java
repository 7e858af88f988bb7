package io.bourse.benchmarks.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The requests of one step, in schedule order, from a mix and a seed: the same arguments give the same requests.
 *
 * Every order that is meant to trade rests at one price per symbol (CROSS_PRICE_CENTS) with one
 * quantity, so whichever buy meets whichever sell, each fills completely and once. On each symbol half of the
 * accounts only ever sell at that price and the other half only ever buy, so a buy can never meet its own
 * account's sell (the book would cancel it to prevent a self-trade). Resting orders keep far from that price on
 * both sides and never trade; market buys carry the crossing price as their worst price, so they never reach a
 * resting sell either.
 */
final class Workload {

    static final long CROSS_PRICE_CENTS = 100_00;
    static final long REST_BUY_LOW_CENTS = 1_00;
    static final long REST_BUY_HIGH_CENTS = 50_00;
    static final long REST_SELL_LOW_CENTS = 200_00;
    static final long REST_SELL_HIGH_CENTS = 400_00;

    private record Deferred(int dueSlot, long sequence, Request request) {
    }

    private final Mix mix;
    private final int symbols;
    private final long quantity;
    private final int followUpLag;
    private final Random random;
    private final int[][] sellers;
    private final int[][] buyers;
    private final int accounts;
    private final PriorityQueue<Deferred> deferred = new PriorityQueue<>(
            Comparator.comparingInt(Deferred::dueSlot).thenComparingLong(Deferred::sequence));
    private final Deque<Request> cancellable = new ArrayDeque<>();
    private long deferrals;
    private int nextSlot;
    private int nextUnit;

    // followUpLag: how many slots after its liquidity a market buy comes, and after its order a cancel.
    Workload(Mix mix, int symbols, int accounts, long quantity, int followUpLag, long seed) {
        if (symbols < 1 || accounts < 2 || quantity < 1 || followUpLag < 1) {
            throw new IllegalArgumentException("a workload needs a symbol, two accounts, a positive quantity and lag");
        }
        this.mix = mix;
        this.symbols = symbols;
        this.accounts = accounts;
        this.quantity = quantity;
        this.followUpLag = followUpLag;
        this.random = new Random(seed);
        this.sellers = new int[symbols][];
        this.buyers = new int[symbols][];
        for (int symbol = 0; symbol < symbols; symbol++) {
            List<Integer> sell = new ArrayList<>();
            List<Integer> buy = new ArrayList<>();
            for (int account = 0; account < accounts; account++) {
                // Alternating by symbol as well: every account buys some symbols and sells others.
                ((account + symbol) % 2 == 0 ? sell : buy).add(account);
            }
            sellers[symbol] = sell.stream().mapToInt(Integer::intValue).toArray();
            buyers[symbol] = buy.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Slots between a liquidity sell and its market buy, and between an order and its cancel: about half a second
     * at the step's rate, so that the earlier order is on the book when the later one arrives even while the
     * stack is slow to reserve funds.
     */
    static int followUpLag(double rate) {
        return (int) Math.max(5, Math.round(rate / 2));
    }

    Request next() {
        int slot = nextSlot++;
        Deferred due = deferred.peek();
        if (due != null && due.dueSlot() <= slot) {
            deferred.poll();
            return due.request().at(slot);
        }
        int unit = nextUnit++;
        int symbol = unit % symbols;
        Kind kind = mix.pick(random.nextDouble());
        return switch (kind) {
            case CROSS -> {
                defer(slot + 1, new Request(-1, unit, kind, Role.CROSS_BUY, symbol, pick(buyers[symbol]), Side.BUY,
                        false, quantity, CROSS_PRICE_CENTS, -1));
                yield new Request(slot, unit, kind, Role.CROSS_SELL, symbol, pick(sellers[symbol]), Side.SELL, false,
                        quantity, CROSS_PRICE_CENTS, -1);
            }
            case REST -> {
                Request resting = resting(slot, unit, kind, symbol);
                cancellable.addLast(resting);
                yield resting;
            }
            case CANCEL -> {
                Request target = cancellable.peekFirst();
                if (target != null && target.slot() <= slot - followUpLag) {
                    cancellable.pollFirst();
                    yield cancel(slot, unit, target);
                }
                // Nothing old enough to cancel: this unit places the order it will cancel.
                Request planted = resting(slot, unit, kind, symbol);
                defer(slot + followUpLag, cancel(-1, unit, planted));
                yield planted;
            }
            case MARKET -> {
                defer(slot + followUpLag, new Request(-1, unit, kind, Role.MARKET_BUY, symbol, pick(buyers[symbol]),
                        Side.BUY, true, quantity, CROSS_PRICE_CENTS, -1));
                yield new Request(slot, unit, kind, Role.LIQUIDITY_SELL, symbol, pick(sellers[symbol]), Side.SELL,
                        false, quantity, CROSS_PRICE_CENTS, -1);
            }
        };
    }

    /**
     * The next request of a unit already begun, without starting a new one: what a step sends after its last slot,
     * so that it never ends with a sell whose buy was not sent. Each keeps its lag: its slot is its due slot, or
     * the next free one. Null once every unit is complete.
     */
    Request nextFollowUp() {
        Deferred due = deferred.poll();
        if (due == null) {
            return null;
        }
        int slot = Math.max(nextSlot, due.dueSlot());
        nextSlot = slot + 1;
        return due.request().at(slot);
    }

    private Request resting(int slot, int unit, Kind kind, int symbol) {
        boolean buy = random.nextBoolean();
        long price = buy ? between(REST_BUY_LOW_CENTS, REST_BUY_HIGH_CENTS)
                : between(REST_SELL_LOW_CENTS, REST_SELL_HIGH_CENTS);
        return new Request(slot, unit, kind, Role.RESTING, symbol, random.nextInt(accounts), buy ? Side.BUY : Side.SELL,
                false, quantity, price, -1);
    }

    private static Request cancel(int slot, int unit, Request target) {
        return new Request(slot, unit, Kind.CANCEL, Role.CANCEL, target.symbol(), target.account(), target.side(),
                false, target.quantity(), target.priceCents(), target.slot());
    }

    private void defer(int dueSlot, Request request) {
        deferred.add(new Deferred(dueSlot, deferrals++, request));
    }

    private long between(long low, long high) {
        return low + (long) (random.nextDouble() * (high - low + 1));
    }

    private int pick(int[] group) {
        return group[random.nextInt(group.length)];
    }
}
