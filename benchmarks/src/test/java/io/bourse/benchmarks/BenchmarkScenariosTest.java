package io.bourse.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.events.order.Side;
import io.bourse.order.matching.DepthLevel;
import io.bourse.order.matching.Execution;
import io.bourse.order.matching.Fill;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmarks measure what they claim: each scenario does its work and leaves the book as it found it. */
class BenchmarkScenariosTest {

    @Test
    void placeThenCancelRestsNothingForGoodAndNeverTrades() {
        PassiveBook state = new PassiveBook();
        state.seed();
        List<DepthLevel> bids = state.book.depth(Side.BUY, Integer.MAX_VALUE);
        List<DepthLevel> asks = state.book.depth(Side.SELL, Integer.MAX_VALUE);

        for (int i = 0; i < 1_000; i++) {
            Execution execution = state.placeThenCancel();
            assertThat(execution.fills()).isEmpty();
        }

        assertThat(state.book.depth(Side.BUY, Integer.MAX_VALUE)).isEqualTo(bids);
        assertThat(state.book.depth(Side.SELL, Integer.MAX_VALUE)).isEqualTo(asks);
        assertThat(state.book.isResting("quote")).isFalse();
    }

    @Test
    void everySweepTakesFiveWholeLevelsAndMeetsTheSameBookAgain() {
        SweptBook state = new SweptBook();
        state.seed();
        List<DepthLevel> asks = state.book.depth(Side.SELL, Integer.MAX_VALUE);

        for (int i = 0; i < 1_000; i++) {
            Execution execution = state.sweepAndRefill();
            assertThat(execution.fills()).hasSize(SweptBook.SWEPT_LEVELS * SweptBook.ORDERS_PER_LEVEL);
            assertThat(execution.fills().stream().mapToLong(Fill::priceTicks).distinct().count())
                    .isEqualTo(SweptBook.SWEPT_LEVELS);
            assertThat(execution.remainingQuantity()).isZero();
        }

        assertThat(state.book.depth(Side.SELL, Integer.MAX_VALUE)).isEqualTo(asks);
        assertThat(state.book.isCrossed()).isFalse();
    }

    @Test
    void theMixedFlowKeepsItsProportionsTradesAndHoldsTheBookAtASteadySize() {
        MixedFlow flow = new MixedFlow();
        flow.seed();
        int afterWarmUp = restingOrders(flow);
        long traded = 0;

        for (int i = 0; i < 500_000; i++) {
            long units = flow.next();
            if (i % 1_000 == 0) {
                assertThat(flow.book.isCrossed()).isFalse();
            }
            traded += units;
        }

        long ops = flow.opsByKind[0] + flow.opsByKind[1] + flow.opsByKind[2];
        assertThat(flow.opsByKind[MixedFlow.PASSIVE] * 100.0 / ops).isBetween(69.0, 71.0);
        assertThat(flow.opsByKind[MixedFlow.CANCEL] * 100.0 / ops).isBetween(19.0, 21.0);
        assertThat(flow.opsByKind[MixedFlow.CROSS] * 100.0 / ops).isBetween(9.0, 11.0);
        assertThat(traded).isPositive();
        assertThat(afterWarmUp).isBetween(MixedFlow.TARGET_ORDERS / 4, MixedFlow.TARGET_ORDERS);
        assertThat(restingOrders(flow)).isBetween(afterWarmUp / 2, afterWarmUp * 2);
        assertThat(flow.restingOrders()).isEqualTo(restingOrders(flow));
        assertThat(flow.book.isCrossed()).isFalse();
    }

    private static int restingOrders(MixedFlow flow) {
        int orders = 0;
        for (Side side : Side.values()) {
            for (DepthLevel level : flow.book.depth(side, Integer.MAX_VALUE)) {
                orders += level.orderCount();
            }
        }
        return orders;
    }
}
