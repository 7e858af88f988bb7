package io.bourse.portfolio.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.events.order.Side;
import io.bourse.events.portfolio.AccountOpened;
import io.bourse.events.portfolio.AssetDeposited;
import io.bourse.events.portfolio.FundsReleased;
import io.bourse.events.portfolio.FundsReservationRejected;
import io.bourse.events.portfolio.FundsReserved;
import io.bourse.events.portfolio.ReserveFunds;
import io.bourse.events.portfolio.SettleTradeLeg;
import io.bourse.events.portfolio.TradeLegAnswer;
import io.bourse.events.portfolio.TradeLegSettled;
import io.bourse.events.portfolio.TradeLegState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/**
 * An account that trades for days keeps what is live (its open holds) and what a repeat may still ask about (the
 * last {@link Portfolio#REMEMBERED_FOR} of ended reservations and legs), not its whole history.
 */
class PortfolioMemoryTest {

    private static final String ACCOUNT = "acc-1";
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    private static final Duration EVERY = Duration.ofSeconds(36);
    private static final int ORDERS = 2_400;
    private static final BigDecimal PRICE = new BigDecimal("10.00");

    /**
     * One filled buy order every 36 seconds for a day: each holds cash, settles its leg, which uses the hold up;
     * every tenth reservation is refused, and one hold placed first stays open all day.
     */
    private Portfolio aDayOfTrading() {
        Portfolio portfolio = new Portfolio();
        portfolio.on(new AccountOpened(ACCOUNT, "alice"));
        portfolio.on(new AssetDeposited(ACCOUNT, "tx-1", "USD", new BigDecimal("1000000.00")));
        portfolio.on(new FundsReserved(ACCOUNT, "open-hold", "open-order", "USD", new BigDecimal("50.00")));
        for (int i = 0; i < ORDERS; i++) {
            Instant at = START.plus(EVERY.multipliedBy(i));
            String reservation = "r-" + i;
            if (i % 10 == 0) {
                portfolio.on(new FundsReservationRejected(ACCOUNT, reservation, "o-" + i, "USD", PRICE,
                        FundsReservationRejected.INSUFFICIENT_FUNDS), at);
                continue;
            }
            portfolio.on(new FundsReserved(ACCOUNT, reservation, "o-" + i, "USD", PRICE));
            portfolio.on(new TradeLegSettled(ACCOUNT, "T-" + i + ":BUY", "T-" + i, Side.BUY, reservation, "ACME", 1,
                    PRICE, PRICE), at);
        }
        return portfolio;
    }

    @Test
    void onlyTheLastHourOfEndedReservationsAndLegsIsKeptAndEveryOpenHold() {
        Portfolio portfolio = aDayOfTrading();

        // 100 orders an hour, of which 90 settled a leg.
        assertThat(portfolio.endedReservationsKept()).isBetween(100, 101);
        assertThat(portfolio.legsKept()).isBetween(90, 91);
        assertThat(portfolio.openReservations()).isEqualTo(1);
        assertThat(portfolio.balanceOf("USD").reserved()).isEqualByComparingTo("50.00");
    }

    @Test
    void aRepeatWithinTheHourIsAnsweredAsTheFirstTime() {
        Portfolio portfolio = aDayOfTrading();
        int recent = ORDERS - 2;
        int refused = ORDERS - 10;

        Actors.actingAsUsual(new AggregateTestFixture<>(Portfolio.class)).givenState(() -> portfolio)
                .when(new SettleTradeLeg(ACCOUNT, "T-" + recent + ":BUY", "T-" + recent, Side.BUY, "r-" + recent,
                        "ACME", 1, PRICE, PRICE))
                .expectNoEvents()
                .expectResultMessagePayload(new TradeLegAnswer(TradeLegState.SETTLED, null));
        Actors.actingAsUsual(new AggregateTestFixture<>(Portfolio.class)).givenState(() -> portfolio)
                .when(new ReserveFunds(ACCOUNT, "r-" + recent, "o-" + recent, "USD", PRICE))
                .expectNoEvents()
                .expectResultMessagePayload(Portfolio.RESERVED);
        Actors.actingAsUsual(new AggregateTestFixture<>(Portfolio.class)).givenState(() -> portfolio)
                .when(new ReserveFunds(ACCOUNT, "r-" + refused, "o-" + refused, "USD", PRICE))
                .expectNoEvents()
                .expectResultMessagePayload(Portfolio.REJECTED);
    }

    @Test
    void aHoldGivenBackInPartStaysForTheFillsStillToSettleAndEndsWhenTheyHave() {
        Portfolio portfolio = new Portfolio();
        portfolio.on(new AccountOpened(ACCOUNT, "alice"));
        portfolio.on(new AssetDeposited(ACCOUNT, "tx-1", "USD", new BigDecimal("100.00")));
        portfolio.on(new FundsReserved(ACCOUNT, "r-1", "o-1", "USD", new BigDecimal("30.00")));
        portfolio.on(new FundsReleased(ACCOUNT, "r-1", "o-1", "USD", new BigDecimal("20.00")), START);

        assertThat(portfolio.openReservations()).isEqualTo(1);

        portfolio.on(new TradeLegSettled(ACCOUNT, "T-1:BUY", "T-1", Side.BUY, "r-1", "ACME", 1, PRICE, PRICE),
                START.plusSeconds(1));

        assertThat(portfolio.openReservations()).isZero();
        assertThat(portfolio.endedReservationsKept()).isEqualTo(1);
        assertThat(portfolio.balanceOf("USD").reserved()).isEqualByComparingTo("0.00");
    }
}
