package io.bourse.portfolio.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.events.Actor;
import io.bourse.events.DomainException;
import io.bourse.events.portfolio.AccountNotFoundException;
import io.bourse.events.portfolio.AccountOpened;
import io.bourse.events.portfolio.AssetDeposited;
import io.bourse.events.portfolio.AssetWithdrawn;
import io.bourse.events.portfolio.DepositAsset;
import io.bourse.events.portfolio.FundsReleased;
import io.bourse.events.portfolio.FundsReservationRejected;
import io.bourse.events.portfolio.FundsReserved;
import io.bourse.events.portfolio.InsufficientBalanceException;
import io.bourse.events.portfolio.OpenAccount;
import io.bourse.events.portfolio.ReleaseFunds;
import io.bourse.events.portfolio.ReserveFunds;
import io.bourse.events.portfolio.WithdrawAsset;
import java.math.BigDecimal;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PortfolioTest {

    private static final String ACCOUNT = "acc-1";
    private static final AccountOpened OPENED = new AccountOpened(ACCOUNT, "alice");
    private static final AssetDeposited THOUSAND_DOLLARS =
            new AssetDeposited(ACCOUNT, "tx-1", "USD", usd("1000.00"));
    private static final FundsReserved HOLD_300 =
            new FundsReserved(ACCOUNT, "res-1", "ord-1", "USD", usd("300.00"));

    private FixtureConfiguration<Portfolio> fixture;

    @BeforeEach
    void setUp() {
        fixture = Actors.actingAsUsual(new AggregateTestFixture<>(Portfolio.class));
    }

    @Test
    void openingAnAccountRecordsItsOwner() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, "alice"))
                .expectEvents(OPENED);
    }

    @Test
    void openingTheSameAccountAgainChangesNothing() {
        fixture.given(OPENED)
                .when(new OpenAccount(ACCOUNT, "alice"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anOpenAccountCannotBeReopenedForAnotherOwner() {
        fixture.given(OPENED)
                .when(new OpenAccount(ACCOUNT, "bob"), Actors.ADMIN.metaData())
                .expectException(DomainException.class)
                .expectExceptionMessage("account acc-1 is already open for another owner")
                .expectNoEvents();
    }

    @Test
    void anAccountNeedsAnOwner() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, " "))
                .expectException(invalid("MISSING_VALUE"))
                .expectNoEvents();
    }

    @Test
    void aDepositAddsToTheAvailableBalance() {
        fixture.given(OPENED)
                .when(new DepositAsset(ACCOUNT, "tx-1", "USD", usd("1000.00")))
                .expectEvents(THOUSAND_DOLLARS)
                .expectState(p -> assertBalance(p, "USD", "1000.00", "0"));
    }

    @Test
    void cashAmountsAreKeptAtTwoDecimals() {
        fixture.given(OPENED)
                .when(new DepositAsset(ACCOUNT, "tx-1", "USD", new BigDecimal("1000")))
                .expectEvents(THOUSAND_DOLLARS);
    }

    @Test
    void securitiesAreDepositedInWholeUnits() {
        fixture.given(OPENED)
                .when(new DepositAsset(ACCOUNT, "tx-1", "ACME", new BigDecimal("50")))
                .expectEvents(new AssetDeposited(ACCOUNT, "tx-1", "ACME", new BigDecimal("50")));
    }

    @Test
    void aFractionOfAUnitIsRefused() {
        fixture.given(OPENED)
                .when(new DepositAsset(ACCOUNT, "tx-1", "ACME", new BigDecimal("0.5")))
                .expectException(invalid("INVALID_AMOUNT"))
                .expectNoEvents();
    }

    @Test
    void aFractionOfACentIsRefused() {
        fixture.given(OPENED)
                .when(new DepositAsset(ACCOUNT, "tx-1", "USD", new BigDecimal("10.001")))
                .expectException(invalid("INVALID_AMOUNT"))
                .expectNoEvents();
    }

    @Test
    void aZeroDepositIsRefused() {
        fixture.given(OPENED)
                .when(new DepositAsset(ACCOUNT, "tx-1", "USD", BigDecimal.ZERO))
                .expectException(invalid("INVALID_AMOUNT"))
                .expectNoEvents();
    }

    @Test
    void aNegativeDepositIsRefused() {
        fixture.given(OPENED)
                .when(new DepositAsset(ACCOUNT, "tx-1", "USD", usd("-5.00")))
                .expectException(invalid("INVALID_AMOUNT"))
                .expectNoEvents();
    }

    @Test
    void anUnknownKindOfAssetIsRefused() {
        fixture.given(OPENED)
                .when(new DepositAsset(ACCOUNT, "tx-1", "eur", usd("5.00")))
                .expectException(invalid("INVALID_ASSET"))
                .expectNoEvents();
    }

    @Test
    void aRepeatedDepositIsCountedOnce() {
        fixture.given(OPENED, THOUSAND_DOLLARS)
                .when(new DepositAsset(ACCOUNT, "tx-1", "USD", usd("1000.00")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectState(p -> assertBalance(p, "USD", "1000.00", "0"));
    }

    @Test
    void aTraderOpensAccountsOnlyForThemselves() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, "bob"), Actors.OWNER.metaData())
                .expectException(DomainException.class)
                .expectExceptionMessage("an account is opened for the token's own subject")
                .expectNoEvents();
    }

    @Test
    void onlyTheOwnerOrAnAdminWithdraws() {
        fixture.given(OPENED, THOUSAND_DOLLARS)
                .when(new WithdrawAsset(ACCOUNT, "tx-2", "USD", usd("10.00")), Actors.STRANGER.metaData())
                .expectException(AccountNotFoundException.class)
                .expectNoEvents();
        fixture.given(OPENED, THOUSAND_DOLLARS)
                .when(new WithdrawAsset(ACCOUNT, "tx-2", "USD", usd("10.00")), Actors.ADMIN.metaData())
                .expectEvents(new AssetWithdrawn(ACCOUNT, "tx-2", "USD", usd("10.00")));
    }

    @Test
    void aCommandThatNamesNoActorCannotWithdrawOrHold() {
        fixture.given(OPENED, THOUSAND_DOLLARS)
                .when(new ReserveFunds(ACCOUNT, "res-9", "ord-9", "USD", usd("10.00")), Map.of(Actor.SUBJECT, ""))
                .expectException(AccountNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void anotherTradersOrderHoldsNothingOnTheAccount() {
        fixture.given(OPENED, THOUSAND_DOLLARS)
                .when(new ReserveFunds(ACCOUNT, "res-9", "ord-9", "USD", usd("10.00")), Actors.STRANGER.metaData())
                .expectException(AccountNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void onlyAnOperatorCreditsAnAccount() {
        fixture.given(OPENED)
                .when(new DepositAsset(ACCOUNT, "tx-9", "USD", usd("1000000.00")), Actors.OWNER.metaData())
                .expectException(DomainException.class)
                .expectExceptionMessage("this needs the operator role")
                .expectNoEvents();
        fixture.given(OPENED)
                .when(new DepositAsset(ACCOUNT, "tx-9", "USD", usd("10.00")), Actors.ADMIN.metaData())
                .expectEvents(new AssetDeposited(ACCOUNT, "tx-9", "USD", usd("10.00")));
    }

    @Test
    void aWithdrawalWithinTheAvailableBalanceIsPaidOut() {
        fixture.given(OPENED, THOUSAND_DOLLARS)
                .when(new WithdrawAsset(ACCOUNT, "tx-2", "USD", usd("1000.00")))
                .expectEvents(new AssetWithdrawn(ACCOUNT, "tx-2", "USD", usd("1000.00")))
                .expectState(p -> assertBalance(p, "USD", "0.00", "0"));
    }

    @Test
    void cannotWithdrawMoreThanAvailable() {
        fixture.given(OPENED, THOUSAND_DOLLARS)
                .when(new WithdrawAsset(ACCOUNT, "tx-2", "USD", usd("1000.01")))
                .expectException(InsufficientBalanceException.class)
                .expectNoEvents();
    }

    @Test
    void cannotWithdrawAnAssetNeverHeld() {
        fixture.given(OPENED, THOUSAND_DOLLARS)
                .when(new WithdrawAsset(ACCOUNT, "tx-2", "ACME", new BigDecimal("1")))
                .expectException(InsufficientBalanceException.class)
                .expectNoEvents();
    }

    @Test
    void reservedFundsCannotBeWithdrawn() {
        fixture.given(OPENED, THOUSAND_DOLLARS, HOLD_300)
                .when(new WithdrawAsset(ACCOUNT, "tx-2", "USD", usd("700.01")))
                .expectException(InsufficientBalanceException.class)
                .expectNoEvents();
    }

    @Test
    void aRepeatedWithdrawalIsPaidOutOnce() {
        fixture.given(OPENED, THOUSAND_DOLLARS, new AssetWithdrawn(ACCOUNT, "tx-2", "USD", usd("600.00")))
                .when(new WithdrawAsset(ACCOUNT, "tx-2", "USD", usd("600.00")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectState(p -> assertBalance(p, "USD", "400.00", "0"));
    }

    @Test
    void aReservationWithinTheAvailableBalanceHoldsTheFunds() {
        fixture.given(OPENED, THOUSAND_DOLLARS)
                .when(new ReserveFunds(ACCOUNT, "res-1", "ord-1", "USD", usd("300.00")))
                .expectEvents(HOLD_300)
                .expectResultMessagePayload(Portfolio.RESERVED)
                .expectState(p -> assertBalance(p, "USD", "700.00", "300.00"));
    }

    @Test
    void aReservationBeyondTheAvailableBalanceIsRejectedForInsufficientFunds() {
        fixture.given(OPENED, THOUSAND_DOLLARS, HOLD_300)
                .when(new ReserveFunds(ACCOUNT, "res-2", "ord-2", "USD", usd("700.01")))
                .expectEvents(new FundsReservationRejected(ACCOUNT, "res-2", "ord-2", "USD", usd("700.01"),
                        FundsReservationRejected.INSUFFICIENT_FUNDS))
                .expectResultMessagePayload(Portfolio.REJECTED)
                .expectState(p -> assertBalance(p, "USD", "700.00", "300.00"));
    }

    @Test
    void securityUnitsCanBeReservedForASale() {
        fixture.given(OPENED, new AssetDeposited(ACCOUNT, "tx-1", "ACME", new BigDecimal("50")))
                .when(new ReserveFunds(ACCOUNT, "res-1", "ord-1", "ACME", new BigDecimal("20")))
                .expectEvents(new FundsReserved(ACCOUNT, "res-1", "ord-1", "ACME", new BigDecimal("20")))
                .expectResultMessagePayload(Portfolio.RESERVED)
                .expectState(p -> assertBalance(p, "ACME", "30", "20"));
    }

    @Test
    void reservingTwiceHoldsOnceAndAnswersTheSame() {
        fixture.given(OPENED, THOUSAND_DOLLARS, HOLD_300)
                .when(new ReserveFunds(ACCOUNT, "res-1", "ord-1", "USD", usd("300.00")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(Portfolio.RESERVED)
                .expectState(p -> assertBalance(p, "USD", "700.00", "300.00"));
    }

    @Test
    void aRejectedReservationStaysRejectedWhenRepeatedAfterADeposit() {
        fixture.given(OPENED,
                        new FundsReservationRejected(ACCOUNT, "res-1", "ord-1", "USD", usd("300.00"),
                                FundsReservationRejected.INSUFFICIENT_FUNDS),
                        THOUSAND_DOLLARS)
                .when(new ReserveFunds(ACCOUNT, "res-1", "ord-1", "USD", usd("300.00")))
                .expectNoEvents()
                .expectResultMessagePayload(Portfolio.REJECTED)
                .expectState(p -> assertBalance(p, "USD", "1000.00", "0"));
    }

    @Test
    void aReservationMustBePositive() {
        fixture.given(OPENED, THOUSAND_DOLLARS)
                .when(new ReserveFunds(ACCOUNT, "res-1", "ord-1", "USD", usd("0.00")))
                .expectException(invalid("INVALID_AMOUNT"))
                .expectNoEvents();
    }

    @Test
    void releasingPartOfAHoldReturnsThatPartAndClosesTheReservation() {
        fixture.given(OPENED, THOUSAND_DOLLARS, HOLD_300)
                .when(new ReleaseFunds(ACCOUNT, "res-1", usd("100.00")))
                .expectEvents(new FundsReleased(ACCOUNT, "res-1", "ord-1", "USD", usd("100.00")))
                .expectState(p -> assertBalance(p, "USD", "800.00", "200.00"));
    }

    @Test
    void releasingMoreThanTheHoldReturnsOnlyWhatRemains() {
        fixture.given(OPENED, THOUSAND_DOLLARS, HOLD_300)
                .when(new ReleaseFunds(ACCOUNT, "res-1", usd("5000.00")))
                .expectEvents(new FundsReleased(ACCOUNT, "res-1", "ord-1", "USD", usd("300.00")))
                .expectState(p -> assertBalance(p, "USD", "1000.00", "0.00"));
    }

    @Test
    void aReleasedReservationIsNotReleasedAgain() {
        fixture.given(OPENED, THOUSAND_DOLLARS, HOLD_300,
                        new FundsReleased(ACCOUNT, "res-1", "ord-1", "USD", usd("100.00")))
                .when(new ReleaseFunds(ACCOUNT, "res-1", usd("100.00")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectState(p -> assertBalance(p, "USD", "800.00", "200.00"));
    }

    @Test
    void releasingAnUnknownReservationChangesNothing() {
        fixture.given(OPENED, THOUSAND_DOLLARS)
                .when(new ReleaseFunds(ACCOUNT, "res-9", usd("100.00")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasingARejectedReservationChangesNothing() {
        fixture.given(OPENED, THOUSAND_DOLLARS,
                        new FundsReservationRejected(ACCOUNT, "res-1", "ord-1", "USD", usd("3000.00"),
                                FundsReservationRejected.INSUFFICIENT_FUNDS))
                .when(new ReleaseFunds(ACCOUNT, "res-1", usd("3000.00")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectState(p -> assertBalance(p, "USD", "1000.00", "0"));
    }

    @Test
    void aReleaseMustBePositive() {
        fixture.given(OPENED, THOUSAND_DOLLARS, HOLD_300)
                .when(new ReleaseFunds(ACCOUNT, "res-1", usd("-1.00")))
                .expectException(invalid("INVALID_AMOUNT"))
                .expectNoEvents();
    }

    @Test
    void totalIsAvailablePlusReservedAndNothingGoesNegativeThroughAnOrdersLife() {
        fixture.given(OPENED, THOUSAND_DOLLARS, HOLD_300,
                        new FundsReserved(ACCOUNT, "res-2", "ord-2", "USD", usd("700.00")),
                        new FundsReleased(ACCOUNT, "res-1", "ord-1", "USD", usd("300.00")))
                .when(new WithdrawAsset(ACCOUNT, "tx-2", "USD", usd("300.00")))
                .expectEvents(new AssetWithdrawn(ACCOUNT, "tx-2", "USD", usd("300.00")))
                .expectState(p -> {
                    Balance usd = p.balanceOf("USD");
                    assertBalance(p, "USD", "0.00", "700.00");
                    assertThat(usd.total()).isEqualByComparingTo(usd.available().add(usd.reserved()));
                    assertThat(usd.total()).isEqualByComparingTo("700.00");
                });
    }

    private static void assertBalance(Portfolio portfolio, String asset, String available, String reserved) {
        Balance balance = portfolio.balanceOf(asset);
        assertThat(balance.available()).as("available " + asset).isEqualByComparingTo(available);
        assertThat(balance.reserved()).as("reserved " + asset).isEqualByComparingTo(reserved);
        assertThat(balance.available().signum()).as("available never negative").isNotNegative();
        assertThat(balance.reserved().signum()).as("reserved never negative").isNotNegative();
    }

    private static Matcher<DomainException> invalid(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.kind() == DomainException.Kind.INVALID && e.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an INVALID DomainException with code " + code);
            }
        };
    }

    private static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }
}
