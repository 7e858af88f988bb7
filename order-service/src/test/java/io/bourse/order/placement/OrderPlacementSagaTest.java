package io.bourse.order.placement;

import io.bourse.events.order.AcceptOrder;
import io.bourse.events.order.OrderAccepted;
import io.bourse.events.order.OrderRejected;
import io.bourse.events.order.RejectOrder;
import io.bourse.events.order.RejectReason;
import io.bourse.events.order.ReservationRequested;
import io.bourse.events.portfolio.AccountNotFoundException;
import io.bourse.events.portfolio.FundsReservationRejected;
import io.bourse.events.portfolio.FundsReserved;
import io.bourse.events.portfolio.ReserveFunds;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderPlacementSagaTest {

    static final Instant REQUESTED_AT = Instant.parse("2026-11-02T09:30:00Z");
    static final Instant ANSWERED_AT = Instant.parse("2026-11-02T09:30:01Z");
    static final BigDecimal CASH = new BigDecimal("1012.50");
    static final ReservationRequested REQUESTED =
            new ReservationRequested("ACME", "o-1", "alice", "o-1", "USD", CASH);

    private SagaTestFixture<OrderPlacementSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderPlacementSaga.class);
        fixture.registerResource(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build());
    }

    @Test
    void aReservationRequestAsksTheAccountsPortfolioToHoldTheFunds() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectActiveSagas(1)
                .expectAssociationWith("orderId", "o-1")
                .expectDispatchedCommands(new ReserveFunds("alice", "o-1", "o-1", "USD", CASH));
    }

    @Test
    void reservedFundsAcceptTheOrderAndEndTheSaga() {
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new FundsReserved("alice", "o-1", "o-1", "USD", CASH))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new AcceptOrder("ACME", "o-1", "o-1", fixture.currentTime()));
    }

    @Test
    void insufficientFundsRejectTheOrderAndEndTheSaga() {
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new FundsReservationRejected("alice", "o-1", "o-1", "USD", CASH,
                        FundsReservationRejected.INSUFFICIENT_FUNDS))
                .expectActiveSagas(0)
                .expectDispatchedCommands(
                        new RejectOrder("ACME", "o-1", RejectReason.INSUFFICIENT_FUNDS, fixture.currentTime()));
    }

    @Test
    void aReservationRejectedForAnUnknownAccountRejectsTheOrderAsUnknownAccount() {
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new FundsReservationRejected("alice", "o-1", "o-1", "USD", CASH,
                        FundsReservationRejected.UNKNOWN_ACCOUNT))
                .expectActiveSagas(0)
                .expectDispatchedCommands(
                        new RejectOrder("ACME", "o-1", RejectReason.UNKNOWN_ACCOUNT, fixture.currentTime()));
    }

    @Test
    void anAccountThatDoesNotExistRejectsTheOrderAsUnknownAccount() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveFunds) {
                throw new AccountNotFoundException("no account alice");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectDispatchedCommands(new ReserveFunds("alice", "o-1", "o-1", "USD", CASH),
                        new RejectOrder("ACME", "o-1", RejectReason.UNKNOWN_ACCOUNT, fixture.currentTime()));
    }

    @Test
    void aPortfolioThatWasNeverOpenedRejectsTheOrderAsUnknownAccount() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveFunds) {
                throw new AggregateNotFoundException("alice", "no aggregate alice");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectDispatchedCommands(new ReserveFunds("alice", "o-1", "o-1", "USD", CASH),
                        new RejectOrder("ACME", "o-1", RejectReason.UNKNOWN_ACCOUNT, fixture.currentTime()));
    }

    @Test
    void anyOtherFailureToReserveLeavesTheOrderWaiting() {
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new IllegalStateException("broker unavailable");
        });
        fixture.givenNoPriorActivity()
                .whenPublishingA(REQUESTED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReserveFunds("alice", "o-1", "o-1", "USD", CASH));
    }

    @Test
    void aReservationOutcomeArrivingAfterTheSagaEndedDispatchesNothing() {
        fixture.givenAPublished(REQUESTED)
                .andThenAPublished(new FundsReserved("alice", "o-1", "o-1", "USD", CASH))
                .whenPublishingA(new FundsReserved("alice", "o-1", "o-1", "USD", CASH))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void theSagaEndsWhenTheOrderIsAccepted() {
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new OrderAccepted("ACME", "o-1", "alice", "o-1", ANSWERED_AT))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void theSagaEndsWhenTheOrderIsRejected() {
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new OrderRejected("ACME", "o-1", "alice", RejectReason.UNKNOWN_ACCOUNT, ANSWERED_AT))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }
}
