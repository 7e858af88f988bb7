package io.bourse.settlement.trade;

import io.bourse.events.DomainException;
import io.bourse.events.order.Side;
import io.bourse.events.portfolio.TradeLegState;
import io.bourse.events.settlement.FlagSettlement;
import io.bourse.events.settlement.LegRejected;
import io.bourse.events.settlement.LegReversed;
import io.bourse.events.settlement.LegSettled;
import io.bourse.events.settlement.RecordLegOutcome;
import io.bourse.events.settlement.SettlementFailed;
import io.bourse.events.settlement.SettlementOverdue;
import io.bourse.events.settlement.SettlementParked;
import io.bourse.events.settlement.SettlementStarted;
import io.bourse.events.settlement.StartSettlement;
import io.bourse.events.settlement.TradeSettled;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettlementTest {

    static final String TRADE = "ACME-1";
    static final Instant EXECUTED_AT = Instant.parse("2026-11-02T09:30:00Z");
    static final Instant SETTLED_AT = Instant.parse("2026-11-02T09:30:01Z");
    static final Instant FAILED_AT = Instant.parse("2026-11-02T09:30:02Z");
    static final BigDecimal PRICE = new BigDecimal("100.00");
    static final StartSettlement START = new StartSettlement(TRADE, "ACME", PRICE, 10, "o-buy", "o-sell", "alice",
            "bob", "r-buy", "r-sell", EXECUTED_AT);
    static final SettlementStarted STARTED = new SettlementStarted(TRADE, "ACME", PRICE, 10, "o-buy", "o-sell",
            "alice", "bob", "r-buy", "r-sell", EXECUTED_AT);

    private FixtureConfiguration<Settlement> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Settlement.class);
    }

    @Test
    void aTradeOpensItsSettlementPending() {
        fixture.givenNoPriorActivity()
                .when(START)
                .expectEvents(STARTED)
                .expectResultMessagePayload(true);
    }

    @Test
    void startingTheSameSettlementAgainRecordsNothing() {
        fixture.given(STARTED)
                .when(START)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void aRepeatedStartDoesNotReopenAnEndedSettlement() {
        fixture.given(STARTED, new TradeSettled(TRADE, SETTLED_AT))
                .when(START)
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void aSettlementNeedsAPositivePrice() {
        fixture.givenNoPriorActivity()
                .when(new StartSettlement(TRADE, "ACME", BigDecimal.ZERO, 10, "o-buy", "o-sell", "alice", "bob",
                        "r-buy", "r-sell", EXECUTED_AT))
                .expectException(DomainException.class)
                .expectExceptionMessage("price must be positive")
                .expectNoEvents();
    }

    @Test
    void aSettlementNeedsAPositiveQuantity() {
        fixture.givenNoPriorActivity()
                .when(new StartSettlement(TRADE, "ACME", PRICE, 0, "o-buy", "o-sell", "alice", "bob", "r-buy",
                        "r-sell", EXECUTED_AT))
                .expectException(DomainException.class)
                .expectExceptionMessage("quantity must be positive")
                .expectNoEvents();
    }

    @Test
    void aSettlementNeedsTheHoldsOfBothSides() {
        fixture.givenNoPriorActivity()
                .when(new StartSettlement(TRADE, "ACME", PRICE, 10, "o-buy", "o-sell", "alice", "bob", "r-buy", null,
                        EXECUTED_AT))
                .expectException(DomainException.class)
                .expectExceptionMessage("sellReservationId is required")
                .expectNoEvents();
    }

    @Test
    void aSettlementNeedsBothAccounts() {
        fixture.givenNoPriorActivity()
                .when(new StartSettlement(TRADE, "ACME", PRICE, 10, "o-buy", "o-sell", "alice", " ", "r-buy",
                        "r-sell", EXECUTED_AT))
                .expectException(DomainException.class)
                .expectExceptionMessage("sellerAccountId is required")
                .expectNoEvents();
    }

    @Test
    void bothLegsSettledSettleTheTrade() {
        fixture.given(STARTED, buy(TradeLegState.SETTLED, null, SETTLED_AT))
                .when(new RecordLegOutcome(TRADE, Side.SELL, TradeLegState.SETTLED, null, SETTLED_AT))
                .expectEvents(sell(TradeLegState.SETTLED, null, SETTLED_AT), new TradeSettled(TRADE, SETTLED_AT));
    }

    @Test
    void oneSettledLegLeavesTheTradePending() {
        fixture.given(STARTED)
                .when(new RecordLegOutcome(TRADE, Side.BUY, TradeLegState.SETTLED, null, SETTLED_AT))
                .expectEvents(buy(TradeLegState.SETTLED, null, SETTLED_AT));
    }

    @Test
    void aRepeatedAnswerRecordsNothing() {
        fixture.given(STARTED, buy(TradeLegState.SETTLED, null, SETTLED_AT))
                .when(new RecordLegOutcome(TRADE, Side.BUY, TradeLegState.SETTLED, null, FAILED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRejectedLegFailsTheTradeOnlyOnceTheOtherLegIsVoid() {
        fixture.given(STARTED, buy(TradeLegState.SETTLED, null, SETTLED_AT))
                .when(new RecordLegOutcome(TRADE, Side.SELL, TradeLegState.REJECTED, "ACCOUNT_FROZEN", FAILED_AT))
                .expectEvents(sell(TradeLegState.REJECTED, "ACCOUNT_FROZEN", FAILED_AT));
        fixture.given(STARTED, buy(TradeLegState.SETTLED, null, SETTLED_AT),
                        sell(TradeLegState.REJECTED, "ACCOUNT_FROZEN", FAILED_AT))
                .when(new RecordLegOutcome(TRADE, Side.BUY, TradeLegState.REVERSED, null, FAILED_AT))
                .expectEvents(buy(TradeLegState.REVERSED, null, FAILED_AT),
                        new SettlementFailed(TRADE, "ACCOUNT_FROZEN", FAILED_AT));
    }

    @Test
    void twoRejectedLegsFailTheTradeWithTheFirstReason() {
        fixture.given(STARTED, buy(TradeLegState.REJECTED, "RESERVATION_SHORT", SETTLED_AT))
                .when(new RecordLegOutcome(TRADE, Side.SELL, TradeLegState.REJECTED, "ACCOUNT_FROZEN", FAILED_AT))
                .expectEvents(sell(TradeLegState.REJECTED, "ACCOUNT_FROZEN", FAILED_AT),
                        new SettlementFailed(TRADE, "RESERVATION_SHORT", FAILED_AT));
    }

    @Test
    void aLegRejectedWithoutAReasonFailsWithAGenericOne() {
        fixture.given(STARTED, buy(TradeLegState.REVERSED, null, SETTLED_AT))
                .when(new RecordLegOutcome(TRADE, Side.SELL, TradeLegState.REJECTED, null, FAILED_AT))
                .expectEvents(sell(TradeLegState.REJECTED, null, FAILED_AT),
                        new SettlementFailed(TRADE, Settlement.LEG_REJECTED, FAILED_AT));
    }

    @Test
    void aSettledTradeRecordsNoLaterAnswer() {
        fixture.given(STARTED, buy(TradeLegState.SETTLED, null, SETTLED_AT), sell(TradeLegState.SETTLED, null,
                        SETTLED_AT), new TradeSettled(TRADE, SETTLED_AT))
                .when(new RecordLegOutcome(TRADE, Side.SELL, TradeLegState.REVERSED, null, FAILED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aReversalMayFollowASettledLegButNothingElse() {
        fixture.given(STARTED, buy(TradeLegState.REVERSED, null, SETTLED_AT))
                .when(new RecordLegOutcome(TRADE, Side.BUY, TradeLegState.SETTLED, null, FAILED_AT))
                .expectNoEvents();
    }

    @Test
    void theFirstMissedDeadlineFlagsTheSettlementOverdue() {
        fixture.given(STARTED)
                .when(new FlagSettlement(TRADE, 1, false, FAILED_AT))
                .expectEvents(new SettlementOverdue(TRADE, FAILED_AT));
        fixture.given(STARTED, new SettlementOverdue(TRADE, FAILED_AT))
                .when(new FlagSettlement(TRADE, 2, false, FAILED_AT.plusSeconds(30)))
                .expectNoEvents();
    }

    @Test
    void theLastAttemptParksTheSettlementForAnOperator() {
        fixture.given(STARTED, new SettlementOverdue(TRADE, FAILED_AT))
                .when(new FlagSettlement(TRADE, 20, true, FAILED_AT.plusSeconds(600)))
                .expectEvents(new SettlementParked(TRADE, 20, FAILED_AT.plusSeconds(600)));
    }

    @Test
    void aSettledTradeIsNeverFlagged() {
        fixture.given(STARTED, new TradeSettled(TRADE, SETTLED_AT))
                .when(new FlagSettlement(TRADE, 1, true, FAILED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anOutcomeNeedsAState() {
        fixture.given(STARTED)
                .when(new RecordLegOutcome(TRADE, Side.BUY, null, null, SETTLED_AT))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void aSettlementThatWasNeverStartedRecordsNoOutcome() {
        fixture.givenNoPriorActivity()
                .when(new RecordLegOutcome(TRADE, Side.BUY, TradeLegState.SETTLED, null, SETTLED_AT))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    private static Object buy(TradeLegState state, String reason, Instant at) {
        return recorded(Side.BUY, state, reason, at);
    }

    private static Object sell(TradeLegState state, String reason, Instant at) {
        return recorded(Side.SELL, state, reason, at);
    }

    private static Object recorded(Side side, TradeLegState state, String reason, Instant at) {
        return switch (state) {
            case SETTLED -> new LegSettled(TRADE, side, at);
            case REJECTED -> new LegRejected(TRADE, side, reason, at);
            case REVERSED -> new LegReversed(TRADE, side, at);
        };
    }
}
