package io.bourse.benchmarks.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompletionTest {

    private static Completion.Order order(Role role, Side side, String status) {
        return new Completion.Order(role, 0, side, role.expected, status);
    }

    @Test
    void ordersInTheirExpectedStatusHaveReachedIt() {
        Completion.Judgement judgement = Completion.judge(List.of(
                order(Role.CROSS_SELL, Side.SELL, "FILLED"),
                order(Role.CROSS_BUY, Side.BUY, "FILLED"),
                order(Role.RESTING, Side.BUY, "OPEN")), Map.of(), Map.of(), Completion.Carry.NONE);

        assertThat(judgement.count(Completion.State.REACHED)).isEqualTo(3);
        assertThat(judgement.carry().total()).isZero();
    }

    @Test
    void aSellRestingWhileItsBuyIsOnTheWayIsPending() {
        Completion.Judgement judgement = Completion.judge(List.of(
                order(Role.CROSS_SELL, Side.SELL, "OPEN"),
                order(Role.CROSS_BUY, Side.BUY, "NEW")), Map.of(), Map.of(), Completion.Carry.NONE);

        assertThat(judgement.states()).containsExactly(Completion.State.PENDING, Completion.State.PENDING);
    }

    @Test
    void aSellLeftRestingByAnExpiredMarketBuyIsAnOrphanAndCarriesOver() {
        Completion.Judgement judgement = Completion.judge(List.of(
                order(Role.LIQUIDITY_SELL, Side.SELL, "OPEN"),
                order(Role.MARKET_BUY, Side.BUY, "EXPIRED")), Map.of(), Map.of(), Completion.Carry.NONE);

        assertThat(judgement.states()).containsExactly(Completion.State.ORPHANED, Completion.State.UNEXPECTED);
        assertThat(judgement.carry().of(0, Side.SELL)).isEqualTo(1);
    }

    @Test
    void aSellLeftRestingByAFailedBuyPostIsAnOrphan() {
        Completion.Judgement judgement = Completion.judge(List.of(order(Role.CROSS_SELL, Side.SELL, "OPEN")),
                Map.of(Completion.key(0, Side.BUY), 1L), Map.of(), Completion.Carry.NONE);

        assertThat(judgement.states()).containsExactly(Completion.State.ORPHANED);
    }

    @Test
    void moreRestingSellsThanLostBuysAreStillPending() {
        Completion.Judgement judgement = Completion.judge(List.of(
                order(Role.CROSS_SELL, Side.SELL, "OPEN"),
                order(Role.CROSS_SELL, Side.SELL, "OPEN"),
                order(Role.CROSS_BUY, Side.BUY, "REJECTED")), Map.of(), Map.of(), Completion.Carry.NONE);

        assertThat(judgement.count(Completion.State.PENDING)).isEqualTo(2);
    }

    @Test
    void aSellLeftOverFromAnEarlierStepExplainsARestingSellOfThisOne() {
        Completion.Carry carry = new Completion.Carry(Map.of(Completion.key(0, Side.SELL), 1L));

        Completion.Judgement judgement = Completion.judge(List.of(
                order(Role.CROSS_SELL, Side.SELL, "FILLED"),
                order(Role.CROSS_SELL, Side.SELL, "OPEN"),
                order(Role.CROSS_BUY, Side.BUY, "FILLED")), Map.of(), Map.of(), carry);

        assertThat(judgement.count(Completion.State.ORPHANED)).isEqualTo(1);
        assertThat(judgement.count(Completion.State.PENDING)).isZero();
    }

    @Test
    void aRestingOrderWhoseCancelWasAcceptedIsPendingUntilCancelled() {
        Completion.Order open = new Completion.Order(Role.RESTING, 0, Side.BUY, "CANCELLED", "OPEN");
        Completion.Order cancelled = new Completion.Order(Role.RESTING, 0, Side.BUY, "CANCELLED", "CANCELLED");

        assertThat(Completion.judge(List.of(open, cancelled), Map.of(), Map.of(), Completion.Carry.NONE).states())
                .containsExactly(Completion.State.PENDING, Completion.State.REACHED);
    }

    @Test
    void anOrderNotVisibleYetIsPending() {
        assertThat(Completion.judge(List.of(order(Role.RESTING, Side.SELL, null)), Map.of(), Map.of(),
                Completion.Carry.NONE).states()).containsExactly(Completion.State.PENDING);
    }
}
