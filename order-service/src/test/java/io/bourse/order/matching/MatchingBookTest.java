package io.bourse.order.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bourse.events.order.Side;
import io.bourse.platform.serialization.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Prices are whole ticks of 0.01: 10000 is 100.00. */
class MatchingBookTest {

    private final MatchingBook book = new MatchingBook();

    @Test
    void withinAPriceLevelTheOlderOrderFillsFirst() {
        book.rest("s-1", "bob", Side.SELL, 10000, 5);
        book.rest("s-2", "carol", Side.SELL, 10000, 5);
        book.rest("s-3", "dave", Side.SELL, 10000, 5);

        Execution execution = book.match(limitBuy("b-1", "alice", 7, 10000));

        assertThat(execution.fills()).containsExactly(
                new Fill("s-1", "bob", 10000, 5),
                new Fill("s-2", "carol", 10000, 2));
        assertThat(execution.filledQuantity()).isEqualTo(7);
        assertThat(execution.remainingQuantity()).isZero();
    }

    @Test
    void aBetterPriceFillsBeforeAnOlderOrderAtAWorsePrice() {
        book.rest("b-1", "alice", Side.BUY, 9990, 5);
        book.rest("b-2", "carol", Side.BUY, 10000, 5);

        Execution execution = book.match(limitSell("s-1", "bob", 6, 9990));

        assertThat(execution.fills()).containsExactly(
                new Fill("b-2", "carol", 10000, 5),
                new Fill("b-1", "alice", 9990, 1));
        assertThat(book.priorityOrder(Side.BUY)).containsExactly("b-2", "b-1");
    }

    @Test
    void matchingWorksOutFillsWithoutChangingTheBook() {
        book.rest("s-1", "bob", Side.SELL, 10000, 5);
        List<DepthLevel> before = book.depth(Side.SELL, 10);

        book.match(limitBuy("b-1", "alice", 5, 10000));

        assertThat(book.depth(Side.SELL, 10)).isEqualTo(before);
        assertThat(book.restingQuantity("s-1")).isEqualTo(5);
    }

    @Test
    void anAggressiveOrderSweepsSeveralLevelsBestPriceFirst() {
        book.rest("s-1", "bob", Side.SELL, 10000, 3);
        book.rest("s-4", "bob", Side.SELL, 10150, 2);
        book.rest("s-2", "carol", Side.SELL, 10050, 4);
        book.rest("s-3", "dave", Side.SELL, 10100, 5);

        Execution execution = book.match(limitBuy("b-1", "alice", 10, 10100));
        applyAsTheAggregateWould(execution);

        assertThat(execution.fills()).containsExactly(
                new Fill("s-1", "bob", 10000, 3),
                new Fill("s-2", "carol", 10050, 4),
                new Fill("s-3", "dave", 10100, 3));
        assertThat(book.depth(Side.SELL, 10)).containsExactly(
                new DepthLevel(10100, 2, 1),
                new DepthLevel(10150, 2, 1));
        assertThat(book.isResting("s-1")).isFalse();
        assertThat(book.isResting("s-2")).isFalse();
        assertThat(book.restingQuantity("s-3")).isEqualTo(2);
    }

    @Test
    void aTradeExecutesAtTheRestingOrdersPriceNotTheIncomingLimit() {
        book.rest("b-1", "alice", Side.BUY, 10100, 4);

        Execution execution = book.match(limitSell("s-1", "bob", 4, 9900));

        assertThat(execution.fills()).containsExactly(new Fill("b-1", "alice", 10100, 4));
    }

    @Test
    void aBuyNeverTradesAboveItsLimit() {
        book.rest("s-1", "bob", Side.SELL, 10000, 3);
        book.rest("s-2", "bob", Side.SELL, 10051, 5);

        Execution execution = book.match(limitBuy("b-1", "alice", 8, 10050));

        assertThat(execution.fills()).containsExactly(new Fill("s-1", "bob", 10000, 3));
        assertThat(execution.remainingQuantity()).isEqualTo(5);
        assertThat(execution.killed()).isFalse();
    }

    @Test
    void aSellNeverTradesBelowItsLimit() {
        book.rest("b-1", "alice", Side.BUY, 10100, 2);
        book.rest("b-2", "alice", Side.BUY, 10049, 5);

        Execution execution = book.match(limitSell("s-1", "bob", 7, 10050));

        assertThat(execution.fills()).containsExactly(new Fill("b-1", "alice", 10100, 2));
        assertThat(execution.remainingQuantity()).isEqualTo(5);
    }

    @Test
    void fillOrKillWithExactlyEnoughWithinItsLimitFillsCompletely() {
        book.rest("s-1", "bob", Side.SELL, 10000, 3);
        book.rest("s-2", "carol", Side.SELL, 10050, 4);
        book.rest("s-3", "dave", Side.SELL, 10100, 9);

        Execution execution = book.match(fillOrKillBuy("b-1", "alice", 7, 10050));

        assertThat(execution.killed()).isFalse();
        assertThat(execution.fills()).containsExactly(
                new Fill("s-1", "bob", 10000, 3),
                new Fill("s-2", "carol", 10050, 4));
        assertThat(execution.remainingQuantity()).isZero();
    }

    @Test
    void fillOrKillOneUnitShortTradesNothingAtAll() {
        book.rest("s-1", "bob", Side.SELL, 10000, 3);
        book.rest("s-2", "carol", Side.SELL, 10050, 4);
        book.rest("s-3", "dave", Side.SELL, 10100, 9);

        Execution execution = book.match(fillOrKillBuy("b-1", "alice", 8, 10050));

        assertThat(execution.killed()).isTrue();
        assertThat(execution.fills()).isEmpty();
        assertThat(execution.filledQuantity()).isZero();
        assertThat(execution.remainingQuantity()).isEqualTo(8);
    }

    @Test
    void aSelfTradeStopsTheWalkEvenWithOtherAccountsQueuedBehindIt() {
        book.rest("s-1", "bob", Side.SELL, 10000, 3);
        book.rest("s-2", "alice", Side.SELL, 10000, 4);
        book.rest("s-3", "carol", Side.SELL, 10000, 5);

        Execution execution = book.match(limitBuy("b-1", "alice", 10, 10000));

        assertThat(execution.selfTradePrevented()).isTrue();
        assertThat(execution.fills()).containsExactly(new Fill("s-1", "bob", 10000, 3));
        assertThat(execution.remainingQuantity()).isEqualTo(7);
    }

    @Test
    void anOwnOrderBeyondTheLimitIsNoSelfTrade() {
        book.rest("s-1", "bob", Side.SELL, 10000, 3);
        book.rest("s-2", "alice", Side.SELL, 10100, 4);

        Execution execution = book.match(limitBuy("b-1", "alice", 5, 10050));

        assertThat(execution.selfTradePrevented()).isFalse();
        assertThat(execution.fills()).containsExactly(new Fill("s-1", "bob", 10000, 3));
    }

    @Test
    void aMarketOrderAgainstAnEmptyBookFindsNothing() {
        Execution execution = book.match(new IncomingOrder("m-1", "alice", Side.BUY, 5, IncomingOrder.NO_LIMIT,
                IncomingOrder.NO_CAP, false));

        assertThat(execution.fills()).isEmpty();
        assertThat(execution.remainingQuantity()).isEqualTo(5);
        assertThat(execution.killed()).isFalse();
        assertThat(execution.selfTradePrevented()).isFalse();
        assertThat(book.sweepCost(5)).isEqualTo(new MatchingBook.SweepCost(0, 0, 0));
    }

    @Test
    void aMarketOrderTakesEveryPriceTheBookOffers() {
        book.rest("b-1", "alice", Side.BUY, 10000, 2);
        book.rest("b-2", "carol", Side.BUY, 5000, 2);

        Execution execution = book.match(new IncomingOrder("m-1", "bob", Side.SELL, 5, IncomingOrder.NO_LIMIT,
                IncomingOrder.NO_CAP, false));

        assertThat(execution.fills()).containsExactly(
                new Fill("b-1", "alice", 10000, 2),
                new Fill("b-2", "carol", 5000, 2));
        assertThat(execution.remainingQuantity()).isEqualTo(1);
    }

    @Test
    void aBuyNeverSpendsMoreThanItsCostCap() {
        book.rest("s-1", "bob", Side.SELL, 10000, 5);
        book.rest("s-2", "carol", Side.SELL, 10100, 5);
        // 700.00: five at 100.00 cost 500.00, and what is left pays for one at 101.00 but not two.
        long cap = 70000;

        Execution execution = book.match(new IncomingOrder("m-1", "alice", Side.BUY, 10, IncomingOrder.NO_LIMIT,
                cap, false));

        assertThat(execution.fills()).containsExactly(
                new Fill("s-1", "bob", 10000, 5),
                new Fill("s-2", "carol", 10100, 1));
        assertThat(costOf(execution)).isLessThanOrEqualTo(cap);
        assertThat(execution.remainingQuantity()).isEqualTo(4);
    }

    @Test
    void aCostCapBelowOneUnitBuysNothing() {
        book.rest("s-1", "bob", Side.SELL, 10000, 5);

        Execution execution = book.match(new IncomingOrder("m-1", "alice", Side.BUY, 3, IncomingOrder.NO_LIMIT,
                9999, false));

        assertThat(execution.fills()).isEmpty();
        assertThat(execution.remainingQuantity()).isEqualTo(3);
    }

    @Test
    void theSweepCostOfABuyIsWhatTheAsksWouldChargeNow() {
        book.rest("s-1", "bob", Side.SELL, 10000, 2);
        book.rest("s-2", "carol", Side.SELL, 10100, 3);

        assertThat(book.sweepCost(4)).isEqualTo(new MatchingBook.SweepCost(4, 2 * 10000 + 2 * 10100, 10100));
        assertThat(book.sweepCost(9)).isEqualTo(new MatchingBook.SweepCost(5, 2 * 10000 + 3 * 10100, 10100));
    }

    @Test
    void aCancelledOrderNeverFills() {
        book.rest("s-1", "bob", Side.SELL, 10000, 5);
        book.rest("s-2", "carol", Side.SELL, 10000, 5);

        assertThat(book.remove("s-1")).isTrue();
        assertThat(book.remove("s-1")).isFalse();
        Execution execution = book.match(limitBuy("b-1", "alice", 8, 10000));

        assertThat(execution.fills()).containsExactly(new Fill("s-2", "carol", 10000, 5));
        assertThat(book.isResting("s-1")).isFalse();
        assertThat(book.depth(Side.SELL, 10)).containsExactly(new DepthLevel(10000, 5, 1));
    }

    @Test
    void removingTheLastOrderOfALevelRemovesTheLevel() {
        book.rest("b-1", "alice", Side.BUY, 10000, 5);
        book.rest("b-2", "alice", Side.BUY, 9900, 5);

        book.remove("b-1");

        assertThat(book.bestBid()).hasValue(9900);
        assertThat(book.depth(Side.BUY, 10)).containsExactly(new DepthLevel(9900, 5, 1));
    }

    @Test
    void aNonCrossingRemainderRestsWithoutCrossingTheBook() {
        book.rest("b-1", "carol", Side.BUY, 9900, 5);
        book.rest("s-1", "bob", Side.SELL, 10100, 5);
        book.rest("s-2", "dave", Side.SELL, 10200, 5);

        IncomingOrder passive = limitBuy("b-2", "alice", 4, 10050);
        Execution quiet = book.match(passive);
        applyAsTheAggregateWould(quiet);
        book.rest(passive.orderId(), passive.accountId(), passive.side(), passive.limitTicks(),
                quiet.remainingQuantity());
        assertThat(quiet.fills()).isEmpty();
        assertThat(book.bestBid()).hasValue(10050);
        assertThat(book.isCrossed()).isFalse();

        IncomingOrder crossing = limitBuy("b-3", "alice", 8, 10100);
        Execution execution = book.match(crossing);
        applyAsTheAggregateWould(execution);
        book.rest(crossing.orderId(), crossing.accountId(), crossing.side(), crossing.limitTicks(),
                execution.remainingQuantity());
        assertThat(execution.fills()).containsExactly(new Fill("s-1", "bob", 10100, 5));
        assertThat(book.bestBid()).hasValue(10100);
        assertThat(book.bestAsk()).hasValue(10200);
        assertThat(book.isCrossed()).isFalse();
    }

    @Test
    void randomFlowNeverLeavesTheBookCrossedNorLosesQuantity() {
        Random random = new Random(20261102L);
        List<String> live = new ArrayList<>();
        String[] accounts = {"alice", "bob", "carol", "dave"};
        for (int n = 0; n < 5_000; n++) {
            if (!live.isEmpty() && random.nextInt(5) == 0) {
                String id = live.remove(random.nextInt(live.size()));
                assertThat(book.remove(id)).isTrue();
                continue;
            }
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            IncomingOrder order = new IncomingOrder("o-" + n, accounts[random.nextInt(accounts.length)], side,
                    1 + random.nextInt(20), 9950 + random.nextInt(101), IncomingOrder.NO_CAP, random.nextInt(10) == 0);
            long bookedBefore = totalQuantity();
            Execution execution = book.match(order);
            applyAsTheAggregateWould(execution);
            live.removeIf(id -> !book.isResting(id));
            assertThat(totalQuantity()).isEqualTo(bookedBefore - execution.filledQuantity());
            assertThat(execution.filledQuantity() + execution.remainingQuantity()).isEqualTo(order.quantity());
            if (execution.remainingQuantity() > 0 && !execution.selfTradePrevented() && !order.fillOrKill()) {
                book.rest(order.orderId(), order.accountId(), side, order.limitTicks(), execution.remainingQuantity());
                live.add(order.orderId());
            }
            assertThat(book.isCrossed()).as("crossed after %s", order).isFalse();
        }
    }

    @Test
    void depthCountsQuantityAndOrdersPerLevelBestFirstUpToTheAskedLevels() {
        book.rest("b-1", "alice", Side.BUY, 10000, 5);
        book.rest("b-2", "carol", Side.BUY, 10000, 2);
        book.rest("b-3", "dave", Side.BUY, 10000, 1);
        book.rest("b-4", "alice", Side.BUY, 9950, 4);
        book.rest("b-5", "alice", Side.BUY, 9900, 6);

        assertThat(book.depth(Side.BUY, 2)).containsExactly(
                new DepthLevel(10000, 8, 3),
                new DepthLevel(9950, 4, 1));
        assertThat(book.depth(Side.SELL, 10)).isEmpty();

        book.fill("b-1", 5);
        book.fill("b-2", 1);

        assertThat(book.depth(Side.BUY, 1)).containsExactly(new DepthLevel(10000, 2, 2));
        assertThat(book.priorityOrder(Side.BUY)).containsExactly("b-2", "b-3", "b-4", "b-5");
    }

    @Test
    void fillingAnOrderThatIsNotRestingIsAnError() {
        assertThatThrownBy(() -> book.fill("nope", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSnapshotWrittenByFieldsRestoresTheBookAndRebuildsItsIndex() throws Exception {
        book.rest("b-1", "alice", Side.BUY, 10000, 5);
        book.rest("b-2", "carol", Side.BUY, 10000, 2);
        book.rest("b-3", "dave", Side.BUY, 9950, 4);
        book.rest("s-1", "bob", Side.SELL, 10100, 3);
        book.rest("s-2", "bob", Side.SELL, 10200, 7);
        book.fill("s-1", 1);
        ObjectMapper mapper = Serialization.objectMapper();

        String json = mapper.writeValueAsString(book);
        MatchingBook restored = mapper.readValue(json, MatchingBook.class);

        assertThat(json).doesNotContain("index");
        assertThat(restored.priorityOrder(Side.BUY)).containsExactly("b-1", "b-2", "b-3");
        assertThat(restored.priorityOrder(Side.SELL)).containsExactly("s-1", "s-2");
        assertThat(restored.depth(Side.BUY, 10)).isEqualTo(book.depth(Side.BUY, 10));
        assertThat(restored.depth(Side.SELL, 10)).isEqualTo(book.depth(Side.SELL, 10));
        assertThat(restored.restingQuantity("s-1")).isEqualTo(2);
        IncomingOrder sweep = limitSell("s-9", "erin", 8, 9950);
        assertThat(restored.match(sweep)).isEqualTo(book.match(sweep));

        // The rebuilt index must point at the very orders in the levels, or fills would change a copy.
        restored.fill("b-1", 5);
        assertThat(restored.remove("b-2")).isTrue();
        assertThat(restored.depth(Side.BUY, 10)).containsExactly(new DepthLevel(9950, 4, 1));
        assertThat(restored.isResting("b-1")).isFalse();
    }

    private void applyAsTheAggregateWould(Execution execution) {
        for (Fill fill : execution.fills()) {
            book.fill(fill.restingOrderId(), fill.quantity());
        }
    }

    private long totalQuantity() {
        long total = 0;
        for (Side side : Side.values()) {
            for (DepthLevel level : book.depth(side, Integer.MAX_VALUE)) {
                total += level.quantity();
            }
        }
        return total;
    }

    private static long costOf(Execution execution) {
        return execution.fills().stream().mapToLong(fill -> fill.priceTicks() * fill.quantity()).sum();
    }

    private static IncomingOrder limitBuy(String orderId, String accountId, long quantity, long limitTicks) {
        return new IncomingOrder(orderId, accountId, Side.BUY, quantity, limitTicks, quantity * limitTicks, false);
    }

    private static IncomingOrder fillOrKillBuy(String orderId, String accountId, long quantity, long limitTicks) {
        return new IncomingOrder(orderId, accountId, Side.BUY, quantity, limitTicks, quantity * limitTicks, true);
    }

    private static IncomingOrder limitSell(String orderId, String accountId, long quantity, long limitTicks) {
        return new IncomingOrder(orderId, accountId, Side.SELL, quantity, limitTicks, IncomingOrder.NO_CAP, false);
    }
}
