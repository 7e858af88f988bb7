package io.bourse.portfolio.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.events.order.Side;
import io.bourse.events.portfolio.AccountFrozen;
import io.bourse.events.portfolio.AccountOpened;
import io.bourse.events.portfolio.AssetDeposited;
import io.bourse.events.portfolio.FreezeAccount;
import io.bourse.events.portfolio.FundsReleased;
import io.bourse.events.portfolio.FundsReserved;
import io.bourse.events.portfolio.InsufficientBalanceException;
import io.bourse.events.portfolio.ReverseTradeLeg;
import io.bourse.events.portfolio.SettleTradeLeg;
import io.bourse.events.portfolio.TradeLegAnswer;
import io.bourse.events.portfolio.TradeLegRejected;
import io.bourse.events.portfolio.TradeLegState;
import io.bourse.events.portfolio.TradeLegReversed;
import io.bourse.events.portfolio.TradeLegSettled;
import java.math.BigDecimal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortfolioSettlementTest {

    private static final String ACCOUNT = "acc-1";
    private static final AccountOpened OPENED = new AccountOpened(ACCOUNT, "alice");
    private static final AssetDeposited CASH = new AssetDeposited(ACCOUNT, "tx-1", "USD", new BigDecimal("1000.00"));
    private static final AssetDeposited UNITS = new AssetDeposited(ACCOUNT, "tx-2", "ACME", new BigDecimal("50"));
    /** A buy of 10 at up to 105.00. */
    private static final FundsReserved BUY_HOLD =
            new FundsReserved(ACCOUNT, "buy-1", "buy-1", "USD", new BigDecimal("1050.00"));
    private static final FundsReserved SELL_HOLD =
            new FundsReserved(ACCOUNT, "sell-1", "sell-1", "ACME", new BigDecimal("20"));

    private static final SettleTradeLeg BUY_LEG = new SettleTradeLeg(ACCOUNT, "T-1:BUY", "T-1", Side.BUY, "buy-1",
            "ACME", 10, new BigDecimal("100.00"), new BigDecimal("1000.00"));
    private static final TradeLegSettled BUY_SETTLED = new TradeLegSettled(ACCOUNT, "T-1:BUY", "T-1", Side.BUY,
            "buy-1", "ACME", 10, new BigDecimal("100.00"), new BigDecimal("1000.00"));
    private static final SettleTradeLeg SELL_LEG = new SettleTradeLeg(ACCOUNT, "T-2:SELL", "T-2", Side.SELL,
            "sell-1", "ACME", 20, new BigDecimal("99.50"), new BigDecimal("1990.00"));

    private FixtureConfiguration<Portfolio> fixture;

    @BeforeEach
    void setUp() {
        fixture = Actors.actingAsUsual(new AggregateTestFixture<>(Portfolio.class));
    }

    @Test
    void aBuyerLegPaysFromTheHoldAndBringsTheUnits() {
        fixture.given(OPENED, new AssetDeposited(ACCOUNT, "tx-1", "USD", new BigDecimal("2000.00")), BUY_HOLD)
                .when(BUY_LEG)
                .expectEvents(BUY_SETTLED)
                .expectResultMessagePayload(new TradeLegAnswer(TradeLegState.SETTLED, null))
                .expectState(p -> {
                    assertThat(p.balanceOf("USD")).isEqualTo(new Balance(new BigDecimal("950.00"), new BigDecimal("50.00")));
                    assertThat(p.balanceOf("ACME").available()).isEqualByComparingTo("10");
                });
    }

    @Test
    void aSellerLegDeliversTheHeldUnitsAndBringsTheCash() {
        fixture.given(OPENED, UNITS, SELL_HOLD)
                .when(SELL_LEG)
                .expectEvents(new TradeLegSettled(ACCOUNT, "T-2:SELL", "T-2", Side.SELL, "sell-1", "ACME", 20,
                        new BigDecimal("99.50"), new BigDecimal("1990.00")))
                .expectState(p -> {
                    assertThat(p.balanceOf("ACME")).isEqualTo(new Balance(new BigDecimal("30"), BigDecimal.ZERO));
                    assertThat(p.balanceOf("USD").available()).isEqualByComparingTo("1990.00");
                });
    }

    @Test
    void aLegSettlesOnceHoweverOftenItIsDelivered() {
        fixture.given(OPENED, CASH, BUY_HOLD, BUY_SETTLED)
                .when(BUY_LEG)
                .expectNoEvents()
                .expectResultMessagePayload(new TradeLegAnswer(TradeLegState.SETTLED, null));
    }

    @Test
    void aFrozenAccountsLegIsRejectedAndTheHoldKeptForItIsReleased() {
        fixture.given(OPENED, CASH, BUY_HOLD, new AccountFrozen(ACCOUNT, "investigation"))
                .when(BUY_LEG)
                .expectEvents(new TradeLegRejected(ACCOUNT, "T-1:BUY", "T-1", Side.BUY, TradeLegRejected.ACCOUNT_FROZEN),
                        new FundsReleased(ACCOUNT, "buy-1", "buy-1", "USD", new BigDecimal("1000.00")))
                .expectResultMessagePayload(new TradeLegAnswer(TradeLegState.REJECTED, TradeLegRejected.ACCOUNT_FROZEN))
                .expectState(p -> assertThat(p.balanceOf("USD").reserved()).isEqualByComparingTo("50.00"));
    }

    @Test
    void aRepeatedRejectedLegAnswersWithItsReasonAndRecordsNothing() {
        fixture.given(OPENED, CASH, BUY_HOLD, new AccountFrozen(ACCOUNT, "investigation"),
                        new TradeLegRejected(ACCOUNT, "T-1:BUY", "T-1", Side.BUY, TradeLegRejected.ACCOUNT_FROZEN))
                .when(BUY_LEG)
                .expectNoEvents()
                .expectResultMessagePayload(new TradeLegAnswer(TradeLegState.REJECTED, TradeLegRejected.ACCOUNT_FROZEN));
    }

    @Test
    void aLegTheHoldCannotCoverIsRejected() {
        fixture.given(OPENED, CASH, BUY_HOLD, new FundsReleased(ACCOUNT, "buy-1", "buy-1", "USD", new BigDecimal("50.00")))
                .when(new SettleTradeLeg(ACCOUNT, "T-1:BUY", "T-1", Side.BUY, "buy-1", "ACME", 10,
                        new BigDecimal("100.00"), new BigDecimal("1000.00")))
                .expectEvents(BUY_SETTLED);
        fixture.given(OPENED, CASH, BUY_HOLD, new FundsReleased(ACCOUNT, "buy-1", "buy-1", "USD", new BigDecimal("50.00")))
                .when(new SettleTradeLeg(ACCOUNT, "T-1:BUY", "T-1", Side.BUY, "buy-1", "ACME", 10,
                        new BigDecimal("100.00"), new BigDecimal("1000.01")))
                .expectEvents(new TradeLegRejected(ACCOUNT, "T-1:BUY", "T-1", Side.BUY,
                        TradeLegRejected.RESERVATION_SHORT));
    }

    @Test
    void reversingASettledBuyerLegGivesTheCashBackAndTakesTheUnits() {
        fixture.given(OPENED, CASH, BUY_HOLD, BUY_SETTLED)
                .when(new ReverseTradeLeg(ACCOUNT, "T-1:BUY", "T-1"))
                .expectEvents(new TradeLegReversed(ACCOUNT, "T-1:BUY", "T-1", Side.BUY, "ACME", 10,
                        new BigDecimal("100.00"), new BigDecimal("1000.00"), true))
                .expectState(p -> {
                    assertThat(p.balanceOf("USD").total()).isEqualByComparingTo("1000.00");
                    assertThat(p.balanceOf("ACME").total()).isEqualByComparingTo("0");
                });
    }

    @Test
    void aLegReversedBeforeItSettledCanNeverSettle() {
        fixture.given(OPENED, CASH, BUY_HOLD,
                        new TradeLegReversed(ACCOUNT, "T-1:BUY", "T-1", null, null, 0, null, BigDecimal.ZERO, false))
                .when(BUY_LEG)
                .expectNoEvents()
                .expectResultMessagePayload(new TradeLegAnswer(TradeLegState.REVERSED, null));
    }

    @Test
    void reversingTwiceUndoesOnce() {
        fixture.given(OPENED, CASH, BUY_HOLD, BUY_SETTLED, new TradeLegReversed(ACCOUNT, "T-1:BUY", "T-1", Side.BUY,
                        "ACME", 10, new BigDecimal("100.00"), new BigDecimal("1000.00"), true))
                .when(new ReverseTradeLeg(ACCOUNT, "T-1:BUY", "T-1"))
                .expectNoEvents();
    }

    @Test
    void aReversalThatWouldTakeUnitsNoLongerThereIsRefused() {
        fixture.given(OPENED, CASH, BUY_HOLD, BUY_SETTLED,
                        new FundsReserved(ACCOUNT, "sell-9", "sell-9", "ACME", new BigDecimal("10")))
                .when(new ReverseTradeLeg(ACCOUNT, "T-1:BUY", "T-1"))
                .expectException(InsufficientBalanceException.class)
                .expectNoEvents();
    }

    @Test
    void freezingIsRecordedOnce() {
        fixture.given(OPENED)
                .when(new FreezeAccount(ACCOUNT, "investigation"))
                .expectEvents(new AccountFrozen(ACCOUNT, "investigation"));
        fixture.given(OPENED, new AccountFrozen(ACCOUNT, "investigation"))
                .when(new FreezeAccount(ACCOUNT, "again"))
                .expectNoEvents();
    }
}
