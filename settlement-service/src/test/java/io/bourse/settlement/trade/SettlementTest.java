package io.bourse.settlement.trade;

import io.bourse.events.DomainException;
import io.bourse.events.settlement.CompleteSettlement;
import io.bourse.events.settlement.FailSettlement;
import io.bourse.events.settlement.SettlementFailed;
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
            "bob", EXECUTED_AT);
    static final SettlementStarted STARTED = new SettlementStarted(TRADE, "ACME", PRICE, 10, "o-buy", "o-sell",
            "alice", "bob", EXECUTED_AT);

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
                        EXECUTED_AT))
                .expectException(DomainException.class)
                .expectExceptionMessage("price must be positive")
                .expectNoEvents();
    }

    @Test
    void aSettlementNeedsAPositiveQuantity() {
        fixture.givenNoPriorActivity()
                .when(new StartSettlement(TRADE, "ACME", PRICE, 0, "o-buy", "o-sell", "alice", "bob", EXECUTED_AT))
                .expectException(DomainException.class)
                .expectExceptionMessage("quantity must be positive")
                .expectNoEvents();
    }

    @Test
    void aSettlementNeedsBothAccounts() {
        fixture.givenNoPriorActivity()
                .when(new StartSettlement(TRADE, "ACME", PRICE, 10, "o-buy", "o-sell", "alice", " ", EXECUTED_AT))
                .expectException(DomainException.class)
                .expectExceptionMessage("sellerAccountId is required")
                .expectNoEvents();
    }

    @Test
    void completingAPendingSettlementRecordsTheTradeSettled() {
        fixture.given(STARTED)
                .when(new CompleteSettlement(TRADE, SETTLED_AT))
                .expectEvents(new TradeSettled(TRADE, SETTLED_AT));
    }

    @Test
    void completingASettledTradeAgainRecordsNothing() {
        fixture.given(STARTED, new TradeSettled(TRADE, SETTLED_AT))
                .when(new CompleteSettlement(TRADE, FAILED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailedSettlementCannotBeCompleted() {
        fixture.given(STARTED, new SettlementFailed(TRADE, "ACCOUNT_FROZEN", FAILED_AT))
                .when(new CompleteSettlement(TRADE, SETTLED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void failingAPendingSettlementRecordsTheReason() {
        fixture.given(STARTED)
                .when(new FailSettlement(TRADE, "ACCOUNT_FROZEN", FAILED_AT))
                .expectEvents(new SettlementFailed(TRADE, "ACCOUNT_FROZEN", FAILED_AT));
    }

    @Test
    void aSettledTradeCannotFail() {
        fixture.given(STARTED, new TradeSettled(TRADE, SETTLED_AT))
                .when(new FailSettlement(TRADE, SettlementFailed.DEADLINE_EXPIRED, FAILED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailedSettlementKeepsItsFirstReason() {
        fixture.given(STARTED, new SettlementFailed(TRADE, "ACCOUNT_FROZEN", FAILED_AT))
                .when(new FailSettlement(TRADE, SettlementFailed.DEADLINE_EXPIRED, FAILED_AT.plusSeconds(30)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailureNeedsAReason() {
        fixture.given(STARTED)
                .when(new FailSettlement(TRADE, null, FAILED_AT))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void aSettlementThatWasNeverStartedCannotEnd() {
        fixture.givenNoPriorActivity()
                .when(new CompleteSettlement(TRADE, SETTLED_AT))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }
}
