package io.bourse.settlement.trade;

import static io.bourse.settlement.trade.TradeSettlementSaga.DEADLINE;

import io.bourse.events.order.Side;
import io.bourse.events.portfolio.ReverseTradeLeg;
import io.bourse.events.portfolio.SettleTradeLeg;
import io.bourse.events.portfolio.TradeLegAnswer;
import io.bourse.events.portfolio.TradeLegRejected;
import io.bourse.events.portfolio.TradeLegState;
import io.bourse.events.settlement.FlagSettlement;
import io.bourse.events.settlement.LegRejected;
import io.bourse.events.settlement.LegReversed;
import io.bourse.events.settlement.LegSettled;
import io.bourse.events.settlement.RecordLegOutcome;
import io.bourse.events.settlement.SettlementFailed;
import io.bourse.events.settlement.SettlementStarted;
import io.bourse.events.settlement.TradeSettled;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TradeSettlementSagaTest {

    static final Duration DEADLINE_AFTER = Duration.ofSeconds(30);
    static final int MAX_ATTEMPTS = 3;
    static final String TRADE = "ACME-7";
    static final BigDecimal PRICE = new BigDecimal("101.25");
    static final BigDecimal CASH = new BigDecimal("1012.50");
    static final Instant EXECUTED_AT = Instant.parse("2026-11-02T09:30:00Z");
    static final Instant ANSWERED_AT = Instant.parse("2026-11-02T09:30:00.005Z");

    static final SettlementStarted STARTED = new SettlementStarted(TRADE, "ACME", PRICE, 10, "o-buy", "o-sell",
            "alice", "bob", "r-buy", "r-sell", EXECUTED_AT);
    static final String BUY_LEG = SettleTradeLeg.legId(TRADE, Side.BUY);
    static final String SELL_LEG = SettleTradeLeg.legId(TRADE, Side.SELL);
    static final SettleTradeLeg SETTLE_BUY =
            new SettleTradeLeg("alice", BUY_LEG, TRADE, Side.BUY, "r-buy", "ACME", 10, PRICE, CASH);
    static final SettleTradeLeg SETTLE_SELL =
            new SettleTradeLeg("bob", SELL_LEG, TRADE, Side.SELL, "r-sell", "ACME", 10, PRICE, CASH);
    static final ReverseTradeLeg REVERSE_BUY = new ReverseTradeLeg("alice", BUY_LEG, TRADE);
    static final ReverseTradeLeg REVERSE_SELL = new ReverseTradeLeg("bob", SELL_LEG, TRADE);

    static final LegSettled BUY_SETTLED = new LegSettled(TRADE, Side.BUY, ANSWERED_AT);
    static final LegSettled SELL_SETTLED = new LegSettled(TRADE, Side.SELL, ANSWERED_AT);
    static final LegRejected BUY_REJECTED =
            new LegRejected(TRADE, Side.BUY, TradeLegRejected.RESERVATION_SHORT, ANSWERED_AT);
    static final LegRejected SELL_REJECTED = new LegRejected(TRADE, Side.SELL, TradeLegRejected.ACCOUNT_FROZEN, ANSWERED_AT);
    static final LegReversed SELL_REVERSED = new LegReversed(TRADE, Side.SELL, ANSWERED_AT);

    private SagaTestFixture<TradeSettlementSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(TradeSettlementSaga.class);
        fixture.registerResource(new SettlementProperties(DEADLINE_AFTER, MAX_ATTEMPTS));
        fixture.registerResource(Clock.fixed(ANSWERED_AT, ZoneOffset.UTC));
        fixture.registerResource(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build());
        fixture.givenCurrentTime(EXECUTED_AT);
    }

    @Test
    void aStartedSettlementAsksBothPortfoliosToSettleTheirLegWithinTheDeadline() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(STARTED)
                .expectActiveSagas(1)
                .expectAssociationWith("tradeId", TRADE)
                .expectDispatchedCommands(SETTLE_BUY, SETTLE_SELL)
                .expectScheduledDeadlineWithName(DEADLINE_AFTER, DEADLINE);
    }

    @Test
    void theLegsMovePriceTimesQuantityInCents() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new SettlementStarted(TRADE, "ACME", new BigDecimal("99.5"), 3, "o-buy", "o-sell",
                        "alice", "bob", "r-buy", "r-sell", EXECUTED_AT))
                .expectDispatchedCommands(
                        new SettleTradeLeg("alice", BUY_LEG, TRADE, Side.BUY, "r-buy", "ACME", 3,
                                new BigDecimal("99.5"), new BigDecimal("298.50")),
                        new SettleTradeLeg("bob", SELL_LEG, TRADE, Side.SELL, "r-sell", "ACME", 3,
                                new BigDecimal("99.5"), new BigDecimal("298.50")));
    }

    @Test
    void eachPortfoliosAnswerIsRecordedOnTheSettlementWithoutWaitingForItsEvents() {
        fixture.setCallbackBehavior((command, metaData) -> command instanceof SettleTradeLeg leg
                ? new TradeLegAnswer(leg.side() == Side.BUY ? TradeLegState.SETTLED : TradeLegState.REJECTED,
                leg.side() == Side.BUY ? null : TradeLegRejected.ACCOUNT_FROZEN)
                : null);
        fixture.givenNoPriorActivity()
                .whenPublishingA(STARTED)
                .expectDispatchedCommands(SETTLE_BUY,
                        new RecordLegOutcome(TRADE, Side.BUY, TradeLegState.SETTLED, null, ANSWERED_AT),
                        SETTLE_SELL,
                        new RecordLegOutcome(TRADE, Side.SELL, TradeLegState.REJECTED, TradeLegRejected.ACCOUNT_FROZEN,
                                ANSWERED_AT));
    }

    @Test
    void settledLegsAskForNothingMore() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_SETTLED)
                .whenPublishingA(SELL_SETTLED)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void theSettledTradeEndsTheSagaAndCancelsItsDeadline() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_SETTLED)
                .andThenAPublished(SELL_SETTLED)
                .whenPublishingA(new TradeSettled(TRADE, ANSWERED_AT))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aRejectedLegReversesTheOtherLegAndRecordsTheReversal() {
        fixture.setCallbackBehavior((command, metaData) -> command instanceof ReverseTradeLeg
                ? new TradeLegAnswer(TradeLegState.REVERSED, null) : null);
        fixture.givenAPublished(STARTED)
                .andThenAPublished(SELL_SETTLED)
                .whenPublishingA(BUY_REJECTED)
                .expectDispatchedCommands(REVERSE_SELL,
                        new RecordLegOutcome(TRADE, Side.SELL, TradeLegState.REVERSED, null, ANSWERED_AT));
    }

    @Test
    void aLegRejectedFirstVoidsTheOtherLegStillPending() {
        fixture.givenAPublished(STARTED)
                .whenPublishingA(SELL_REJECTED)
                .expectDispatchedCommands(REVERSE_BUY);
    }

    @Test
    void aSecondRejectionAsksForNothingMore() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(SELL_REJECTED)
                .whenPublishingA(BUY_REJECTED)
                .expectNoDispatchedCommands();
    }

    @Test
    void theFailedSettlementEndsTheSagaAndCancelsItsDeadline() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_REJECTED)
                .andThenAPublished(SELL_REVERSED)
                .whenPublishingA(new SettlementFailed(TRADE, TradeLegRejected.RESERVATION_SHORT, ANSWERED_AT))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aMissedDeadlineFlagsTheSettlementAndAsksBothLegsAgain() {
        // A settled leg answers as it did the first time, and the record ignores the repeat.
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_SETTLED)
                .whenTimeElapses(DEADLINE_AFTER)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new FlagSettlement(TRADE, 1, false, EXECUTED_AT.plus(DEADLINE_AFTER)),
                        SETTLE_BUY, SETTLE_SELL)
                .expectScheduledDeadlineWithName(DEADLINE_AFTER, DEADLINE);
    }

    @Test
    void theDeadlineNeverUnwindsATradeWhoseLegsWereNotRefused() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(SELL_SETTLED)
                .whenTimeElapses(DEADLINE_AFTER)
                .expectDispatchedCommands(new FlagSettlement(TRADE, 1, false, EXECUTED_AT.plus(DEADLINE_AFTER)),
                        SETTLE_BUY, SETTLE_SELL);
    }

    @Test
    void whileCompensatingEachDeadlineAsksAgainForTheReversalStillUnconfirmed() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(SELL_SETTLED)
                .andThenAPublished(BUY_REJECTED)
                .whenTimeElapses(DEADLINE_AFTER)
                .expectDispatchedCommands(new FlagSettlement(TRADE, 1, false, EXECUTED_AT.plus(DEADLINE_AFTER)),
                        REVERSE_SELL);
    }

    @Test
    void afterTheLastAttemptTheSettlementIsParkedForAnOperatorAndTheSagaEnds() {
        fixture.givenAPublished(STARTED)
                .whenTimeElapses(DEADLINE_AFTER.multipliedBy(MAX_ATTEMPTS))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectDispatchedCommands(
                        new FlagSettlement(TRADE, 1, false, EXECUTED_AT.plus(DEADLINE_AFTER)), SETTLE_BUY, SETTLE_SELL,
                        new FlagSettlement(TRADE, 2, false, EXECUTED_AT.plus(DEADLINE_AFTER.multipliedBy(2))),
                        SETTLE_BUY, SETTLE_SELL,
                        new FlagSettlement(TRADE, 3, true, EXECUTED_AT.plus(DEADLINE_AFTER.multipliedBy(3))));
    }

    @Test
    void aRedeliveredStartSendsNothingNew() {
        fixture.givenAPublished(STARTED)
                .whenPublishingA(STARTED)
                .expectNoDispatchedCommands();
    }

    @Test
    void outcomesArrivingAfterTheSagaEndedDispatchNothing() {
        fixture.givenAPublished(STARTED)
                .andThenAPublished(BUY_SETTLED)
                .andThenAPublished(SELL_SETTLED)
                .andThenAPublished(new TradeSettled(TRADE, ANSWERED_AT))
                .whenPublishingA(SELL_REJECTED)
                .expectNoDispatchedCommands();
    }
}
