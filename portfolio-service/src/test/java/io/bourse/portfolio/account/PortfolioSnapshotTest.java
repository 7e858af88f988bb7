package io.bourse.portfolio.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.events.order.Side;
import io.bourse.events.portfolio.AccountOpened;
import io.bourse.events.portfolio.AssetDeposited;
import io.bourse.events.portfolio.AssetWithdrawn;
import io.bourse.events.portfolio.DepositAsset;
import io.bourse.events.portfolio.FundsReleased;
import io.bourse.events.portfolio.FundsReservationRejected;
import io.bourse.events.portfolio.FundsReserved;
import io.bourse.events.portfolio.InsufficientBalanceException;
import io.bourse.events.portfolio.ReleaseFunds;
import io.bourse.events.portfolio.ReserveFunds;
import io.bourse.events.portfolio.SettleTradeLeg;
import io.bourse.events.portfolio.TradeLegAnswer;
import io.bourse.events.portfolio.TradeLegRejected;
import io.bourse.events.portfolio.TradeLegState;
import io.bourse.events.portfolio.WithdrawAsset;
import io.bourse.platform.serialization.Serialization;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A portfolio restored from a snapshot must decide exactly as the one it was taken from: the snapshot is written
 * with the platform's serializer, by fields, and a field it missed would only show on the next command.
 */
class PortfolioSnapshotTest {

    private static final String ACCOUNT = "acc-1";
    private static final Instant AT = Instant.parse("2026-11-02T09:30:00Z");

    private final Serializer serializer = Serialization.serializer();
    private FixtureConfiguration<Portfolio> fixture;
    private Portfolio restored;

    @BeforeEach
    void takeAndRestoreSnapshot() {
        Portfolio original = new Portfolio();
        original.on(new AccountOpened(ACCOUNT, "alice"));
        original.on(new AssetDeposited(ACCOUNT, "tx-1", "USD", new BigDecimal("1000.00")));
        original.on(new AssetDeposited(ACCOUNT, "tx-2", "ACME", new BigDecimal("50")));
        original.on(new AssetWithdrawn(ACCOUNT, "tx-3", "USD", new BigDecimal("100.00")));
        original.on(new FundsReserved(ACCOUNT, "res-1", "ord-1", "USD", new BigDecimal("300.00")));
        original.on(new FundsReserved(ACCOUNT, "res-2", "ord-2", "ACME", new BigDecimal("20")));
        original.on(new FundsReleased(ACCOUNT, "res-2", "ord-2", "ACME", new BigDecimal("5")), AT);
        original.on(new FundsReservationRejected(ACCOUNT, "res-3", "ord-3", "USD", new BigDecimal("9000.00"),
                FundsReservationRejected.INSUFFICIENT_FUNDS), AT);
        original.on(new TradeLegRejected(ACCOUNT, "T-1:BUY", "T-1", Side.BUY, TradeLegRejected.RESERVATION_SHORT),
                AT);

        SerializedObject<byte[]> snapshot = serializer.serialize(original, byte[].class);
        assertThat(snapshot.getType().getRevision()).isEqualTo("2");
        restored = serializer.deserialize(snapshot);
        fixture = Actors.actingAsUsual(new AggregateTestFixture<>(Portfolio.class));
    }

    @Test
    void restoredBalancesKeepTheirExactAmountsAndScale() {
        assertThat(restored.balanceOf("USD").available()).isEqualTo(new BigDecimal("600.00"));
        assertThat(restored.balanceOf("USD").reserved()).isEqualTo(new BigDecimal("300.00"));
        assertThat(restored.balanceOf("ACME").available()).isEqualTo(new BigDecimal("35"));
        assertThat(restored.balanceOf("ACME").reserved()).isEqualTo(new BigDecimal("15"));
    }

    @Test
    void restoredPortfolioStillRefusesAWithdrawalBeyondAvailable() {
        fixture.givenState(() -> restored)
                .when(new WithdrawAsset(ACCOUNT, "tx-4", "USD", new BigDecimal("600.01")))
                .expectException(InsufficientBalanceException.class)
                .expectNoEvents();
    }

    @Test
    void restoredPortfolioPaysOutWhatIsAvailable() {
        fixture.givenState(() -> restored)
                .when(new WithdrawAsset(ACCOUNT, "tx-4", "USD", new BigDecimal("600.00")))
                .expectEvents(new AssetWithdrawn(ACCOUNT, "tx-4", "USD", new BigDecimal("600.00")));
    }

    @Test
    void restoredPortfolioRemembersProcessedTransactions() {
        fixture.givenState(() -> restored)
                .when(new DepositAsset(ACCOUNT, "tx-1", "USD", new BigDecimal("1000.00")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void restoredPortfolioAnswersARepeatedReservationWithoutASecondHold() {
        fixture.givenState(() -> restored)
                .when(new ReserveFunds(ACCOUNT, "res-1", "ord-1", "USD", new BigDecimal("300.00")))
                .expectNoEvents()
                .expectResultMessagePayload(Portfolio.RESERVED);
    }

    @Test
    void restoredPortfolioAnswersARepeatedRejectionTheSame() {
        fixture.givenState(() -> restored)
                .when(new ReserveFunds(ACCOUNT, "res-3", "ord-3", "USD", new BigDecimal("9000.00")))
                .expectNoEvents()
                .expectResultMessagePayload(Portfolio.REJECTED);
    }

    @Test
    void restoredPortfolioReleasesWhatRemainsOfAHold() {
        fixture.givenState(() -> restored)
                .when(new ReleaseFunds(ACCOUNT, "res-1", new BigDecimal("1000.00")))
                .expectEvents(new FundsReleased(ACCOUNT, "res-1", "ord-1", "USD", new BigDecimal("300.00")));
    }

    @Test
    void restoredPortfolioAnswersARepeatedLegAsTheFirstTime() {
        fixture.givenState(() -> restored)
                .when(new SettleTradeLeg(ACCOUNT, "T-1:BUY", "T-1", Side.BUY, "res-1", "ACME", 1,
                        new BigDecimal("100.00"), new BigDecimal("100.00")))
                .expectNoEvents()
                .expectResultMessagePayload(new TradeLegAnswer(TradeLegState.REJECTED,
                        TradeLegRejected.RESERVATION_SHORT));
    }

    @Test
    void restoredPortfolioKnowsWhichReservationsAreClosed() {
        fixture.givenState(() -> restored)
                .when(new ReleaseFunds(ACCOUNT, "res-2", new BigDecimal("15")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
