package io.bourse.settlement.trade;

import static io.bourse.settlement.trade.TradeSettlementSaga.DEADLINE;

import io.bourse.events.order.Side;
import io.bourse.events.portfolio.ReverseTradeLeg;
import io.bourse.events.portfolio.SettleTradeLeg;
import io.bourse.events.portfolio.TradeLegRejected;
import io.bourse.events.portfolio.TradeLegReversed;
import io.bourse.events.portfolio.TradeLegSettled;
import io.bourse.events.settlement.CompleteSettlement;
import io.bourse.events.settlement.FailSettlement;
import io.bourse.events.settlement.SettlementFailed;
import io.bourse.events.settlement.SettlementStarted;
import io.bourse.events.settlement.TradeSettled;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TradeSettlementSagaTest {

    static final Duration DEADLINE_AFTER = Duration.ofSeconds(30);
    static final Duration PAST_DEADLINE = DEADLINE_AFTER.plusSeconds(1);
    static final String TRADE = "ACME-7";
    static final BigDecimal PRICE = new BigDecimal("101.25");
    static final BigDecimal CASH = new BigDecimal("1012.50");
    static final Instant EXECUTED_AT = Instant.parse("2026-11-02T09:30:00Z");

    static final SettlementStarted STARTED = new SettlementStarted(TRADE, "ACME", PRICE, 10, "o-buy", "o-sell",
            "alice", "bob", EXECUTED_AT);
    static final String BUY_LEG = SettleTradeLeg.legId(TRADE, Side.BUY);
    static final String SELL_LEG = SettleTradeLeg.legId(TRADE, Side.SELL);

    static final TradeLegSettled BUY_SETTLED =
            new TradeLegSettled("alice", BUY_LEG, TRADE, Side.BUY, "o-buy", "ACME", 10, PRICE, CASH);
    static final TradeLegSettled SELL_SETTLED =
            new TradeLegSettled("bob", SELL_LEG, TRADE, Side.SELL, "o-sell", "ACME", 10, PRICE, CASH);
    static final TradeLegRejected BUY_REJECTED =
            new TradeLegRejected("alice", BUY_LEG, TRADE, Side.BUY, TradeLegRejected.RESERVATION_SHORT);
    static final TradeLegRejected SELL_REJECTED =
            new TradeLegRejected("bob", SELL_LEG, TRADE, Side.SELL, TradeLegRejected.ACCOUNT_FROZEN);
    static final TradeLegReversed BUY_UNDONE =
            new TradeLegReversed("alice", BUY_LEG, TRADE, Side.BUY, "ACME", 10, PRICE, CASH, true);
    static final TradeLegReversed BUY_VOIDED =
            new TradeLegReversed("alice", BUY_LEG, TRADE, Side.BUY, "ACME", 10, PRICE, CASH, false);
    static final TradeLegReversed SELL_UNDONE =
            new TradeLegReversed("bob", SELL_LEG, TRADE, Side.SELL, "ACME", 10, PRICE, CASH, true);
    static final TradeLegReversed SELL_VOIDED =
            new TradeLegReversed("bob", SELL_LEG, TRADE, Side.SELL, "ACME", 10, PRICE, CASH, false);

    static final ReverseTradeLeg REVERSE_BUY = new ReverseTradeLeg("alice", BUY_LEG, TRADE);
    static final ReverseTradeLeg REVERSE_SELL = new ReverseTradeLeg("bob", SELL_LEG, TRADE);

    private SagaTestFixture<TradeSettlementSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(TradeSettlementSaga.class);
        fixture.registerResource(new SettlementProperties(DEADLINE_AFTER));
        fixture.givenCurrentTime(EXECUTED_AT);
    }

    @Test
    void aStartedSettlementAsksBothPortfoliosToSettleTheirLegWithinTheDeadline() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(STARTED)
                .expectActiveSagas(1)
                .expectAssociationWith("tradeId", TRADE)
                .expectDispatchedCommands(
                        new SettleTradeLeg("alice", "ACME-7:BUY", TRADE, Side.BUY, "o-buy", "ACME", 10, PRICE, CASH),
                        new SettleTradeLeg("bob", "ACME-7:SELL", TRADE, Side.SELL, "o-sell", "ACME", 10, PRICE, CASH))
                .expectScheduledDeadlineWithName(DEADLINE_AFTER, DEADLINE);
    }

    @Test
    void theLegsMovePriceTimesQuantityInCents() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new SettlementStarted(TRADE, "ACME", new BigDecimal("99.5"), 3, "o-buy", "o-sell",
                        "alice", "bob", EXECUTED_AT))
                .expectDispatchedCommands(
                        new SettleTradeLeg("alice", BUY_LEG, TRADE, Side.BUY, "o-buy", "ACME", 3,
                                new BigDecimal("99.5"), new BigDecimal("298.50")),
                        new SettleTradeLeg("bob", SELL_LEG, TRADE, Side.SELL, "o-sell", "ACME", 3,
                                new BigDecimal("99.5"), new BigDecimal("298.50")));
    }

    @Test
    void oneSettledLegIsNotYetASettledTrade() {
        fixture.givenAPublished(STARTED)
                .whenPublishingA(SELL_SETTLED)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void bothLegsSettledCompleteTheSettlement() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_SETTLED)
                .whenPublishingA(SELL_SETTLED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new CompleteSettlement(TRADE, EXECUTED_AT));
    }

    @Test
    void theSettledTradeEndsTheSagaAndCancelsItsDeadline() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_SETTLED)
                .andThenAPublished(SELL_SETTLED)
                .whenPublishingA(new TradeSettled(TRADE, EXECUTED_AT))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlineWithName(DEADLINE_AFTER, DEADLINE)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDuplicatedSettledLegAsksForNothingMore() throws Exception {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_SETTLED)
                .andThenAPublished(SELL_SETTLED)
                .andThenTimeElapses(Duration.ofSeconds(2))
                .whenPublishingA(SELL_SETTLED)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void aBuyerRejectedAfterTheSellerSettledReversesTheSellersLeg() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(SELL_SETTLED)
                .whenPublishingA(BUY_REJECTED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(REVERSE_SELL);
    }

    @Test
    void theCompensatedLegReversedFailsTheSettlementWithTheRejectionsReason() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(SELL_SETTLED)
                .andThenAPublished(BUY_REJECTED)
                .whenPublishingA(SELL_UNDONE)
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new FailSettlement(TRADE, TradeLegRejected.RESERVATION_SHORT, EXECUTED_AT));
    }

    @Test
    void aSellerRejectedFirstVoidsTheBuyersLegStillPending() {
        fixture.givenAPublished(STARTED)
                .whenPublishingA(SELL_REJECTED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(REVERSE_BUY);
    }

    @Test
    void aBuyerSettlingAfterTheSellerWasRejectedIsReversedWithoutAskingTwice() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(SELL_REJECTED)
                .whenPublishingA(BUY_SETTLED)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void theBuyersLegReversedAfterTheSellerWasRejectedFailsTheSettlement() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(SELL_REJECTED)
                .andThenAPublished(BUY_SETTLED)
                .whenPublishingA(BUY_UNDONE)
                .expectDispatchedCommands(new FailSettlement(TRADE, TradeLegRejected.ACCOUNT_FROZEN, EXECUTED_AT));
    }

    @Test
    void aPendingLegVoidedBeforeItSettledFailsTheSettlement() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_REJECTED)
                .whenPublishingA(SELL_VOIDED)
                .expectDispatchedCommands(
                        new FailSettlement(TRADE, TradeLegRejected.RESERVATION_SHORT, EXECUTED_AT));
    }

    @Test
    void bothLegsRejectedFailTheSettlementWithTheFirstReason() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_REJECTED)
                .whenPublishingA(SELL_REJECTED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new FailSettlement(TRADE, TradeLegRejected.RESERVATION_SHORT, EXECUTED_AT));
    }

    @Test
    void aDuplicatedRejectionAsksForNothingMore() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(SELL_SETTLED)
                .andThenAPublished(BUY_REJECTED)
                .whenPublishingA(BUY_REJECTED)
                .expectNoDispatchedCommands();
    }

    @Test
    void theFailedSettlementEndsTheSagaAndCancelsItsDeadline() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_REJECTED)
                .andThenAPublished(SELL_REJECTED)
                .whenPublishingA(new SettlementFailed(TRADE, TradeLegRejected.RESERVATION_SHORT, EXECUTED_AT))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlineWithName(DEADLINE_AFTER, DEADLINE)
                .expectNoScheduledDeadlines();
    }

    @Test
    void theDeadlineReversesEveryLegNotKnownVoid() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_SETTLED)
                .whenTimeElapses(PAST_DEADLINE)
                .expectTriggeredDeadlinesWithName(DEADLINE)
                .expectActiveSagas(1)
                .expectDispatchedCommands(REVERSE_BUY, REVERSE_SELL);
    }

    @Test
    void bothLegsReversedAfterTheDeadlineFailTheSettlementAsExpired() throws Exception {
        Instant expired = EXECUTED_AT.plus(PAST_DEADLINE);
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_SETTLED)
                .andThenTimeElapses(PAST_DEADLINE)
                .andThenAPublished(BUY_UNDONE)
                .whenPublishingA(SELL_VOIDED)
                .expectDispatchedCommands(new FailSettlement(TRADE, SettlementFailed.DEADLINE_EXPIRED, expired));
    }

    @Test
    void theExpiredSettlementEndsTheSagaWithNoDeadlineLeft() throws Exception {
        Instant expired = EXECUTED_AT.plus(PAST_DEADLINE);
        fixture.givenAPublished(STARTED)
                .andThenTimeElapses(PAST_DEADLINE)
                .andThenAPublished(BUY_VOIDED)
                .andThenAPublished(SELL_VOIDED)
                .whenPublishingA(new SettlementFailed(TRADE, SettlementFailed.DEADLINE_EXPIRED, expired))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlineWithName(DEADLINE_AFTER, DEADLINE)
                .expectNoScheduledDeadlines();
    }

    @Test
    void legsSettlingAfterTheDeadlineDoNotCompleteTheTrade() throws Exception {
        fixture.givenAPublished(STARTED)
                .andThenTimeElapses(PAST_DEADLINE)
                .andThenAPublished(BUY_SETTLED)
                .whenPublishingA(SELL_SETTLED)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void whileAReversalIsUnconfirmedEachDeadlineAsksForItAgain() throws Exception {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(SELL_SETTLED)
                .andThenTimeElapses(PAST_DEADLINE)
                .andThenAPublished(BUY_VOIDED)
                .whenTimeElapses(PAST_DEADLINE)
                .expectActiveSagas(1)
                .expectDispatchedCommands(REVERSE_SELL)
                // Each period counts from the deadline that passed: 30 s, then 60 s, now 90 s after the trade.
                .expectScheduledDeadlineWithName(EXECUTED_AT.plus(DEADLINE_AFTER.multipliedBy(3)), DEADLINE);
    }

    @Test
    void aDeadlineAfterARejectionKeepsTheRejectionAsTheReason() throws Exception {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(SELL_SETTLED)
                .andThenAPublished(BUY_REJECTED)
                .andThenTimeElapses(PAST_DEADLINE)
                .whenPublishingA(SELL_UNDONE)
                .expectDispatchedCommands(new FailSettlement(TRADE, TradeLegRejected.RESERVATION_SHORT,
                        EXECUTED_AT.plus(PAST_DEADLINE)));
    }

    @Test
    void aDeadlineBeforeTheFailureIsRecordedAsksForTheSameFailureAgain() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_REJECTED)
                .andThenAPublished(SELL_REJECTED)
                .whenTimeElapses(PAST_DEADLINE)
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new FailSettlement(TRADE, TradeLegRejected.RESERVATION_SHORT, EXECUTED_AT));
    }

    @Test
    void aDeadlineBeforeTheSettledTradeIsRecordedAsksForTheSameCompletionAgainAndReversesNothing() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_SETTLED)
                .andThenAPublished(SELL_SETTLED)
                .whenTimeElapses(PAST_DEADLINE)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new CompleteSettlement(TRADE, EXECUTED_AT));
    }

    @Test
    void legEventsArrivingAfterTheSagaEndedDispatchNothing() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_SETTLED)
                .andThenAPublished(SELL_SETTLED)
                .andThenAPublished(new TradeSettled(TRADE, EXECUTED_AT))
                .whenPublishingA(BUY_SETTLED)
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aRejectionWithoutAReasonStillFailsTheSettlement() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(new TradeLegRejected("alice", BUY_LEG, TRADE, Side.BUY, null))
                .whenPublishingA(SELL_VOIDED)
                .expectDispatchedCommands(new FailSettlement(TRADE, TradeSettlementSaga.LEG_REJECTED, EXECUTED_AT));
    }
}
