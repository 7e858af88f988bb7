package io.bourse.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.bourse.events.order.AcceptOrder;
import io.bourse.events.order.RejectOrder;
import io.bourse.events.order.RejectReason;
import io.bourse.events.order.ReservationRequested;
import io.bourse.events.portfolio.AccountNotFoundException;
import io.bourse.events.portfolio.ReserveFunds;
import io.bourse.platform.commandbus.CommandReplyTimeoutException;
import io.bourse.platform.messaging.BeforeCommit;
import io.bourse.platform.messaging.MessagingProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FundsReservationTest {

    static final Instant ANSWERED_AT = Instant.parse("2026-11-02T09:30:00.004Z");
    static final ReservationRequested REQUESTED =
            new ReservationRequested("ACME", "o-1", "alice", "o-1", "USD", new BigDecimal("1012.50"));
    static final ReserveFunds RESERVE = new ReserveFunds("alice", "o-1", "o-1", "USD", new BigDecimal("1012.50"));

    private final CommandGateway commands = mock(CommandGateway.class);
    private FundsReservation reservation;

    @BeforeEach
    void setUp() {
        MessagingProperties messaging = new MessagingProperties();
        messaging.setCommandTimeout(Duration.ofMillis(200));
        reservation = new FundsReservation(Clock.fixed(ANSWERED_AT, ZoneOffset.UTC), messaging);
        doReturn(CompletableFuture.completedFuture(null)).when(commands).send(any(AcceptOrder.class));
        doReturn(CompletableFuture.completedFuture(null)).when(commands).send(any(RejectOrder.class));
    }

    @Test
    void aHeldReservationAcceptsTheOrderOnTheBook() {
        portfolioAnswers(CompletableFuture.completedFuture(ReserveFunds.RESERVED));
        handleInBatch();
        verify(commands).send(new AcceptOrder("ACME", "o-1", "o-1", ANSWERED_AT));
    }

    @Test
    void aRefusedReservationRejectsTheOrderForInsufficientFunds() {
        portfolioAnswers(CompletableFuture.completedFuture(ReserveFunds.REJECTED));
        handleInBatch();
        verify(commands).send(new RejectOrder("ACME", "o-1", RejectReason.INSUFFICIENT_FUNDS, ANSWERED_AT));
    }

    @Test
    void anAccountThatDoesNotExistRejectsTheOrder() {
        portfolioAnswers(CompletableFuture.failedFuture(new AccountNotFoundException("no account alice")));
        handleInBatch();
        verify(commands).send(new RejectOrder("ACME", "o-1", RejectReason.UNKNOWN_ACCOUNT, ANSWERED_AT));
    }

    @Test
    void noAnswerInTimeEndsTheOrderInsteadOfLeavingItNew() {
        portfolioAnswers(CompletableFuture.failedFuture(new CommandReplyTimeoutException("no reply")));
        handleInBatch();
        verify(commands).send(new RejectOrder("ACME", "o-1", RejectReason.RESERVATION_FAILED, ANSWERED_AT));
    }

    @Test
    void theBatchDoesNotCommitBeforeTheBookRecordedTheOutcome() {
        portfolioAnswers(CompletableFuture.completedFuture(ReserveFunds.RESERVED));
        doReturn(new CompletableFuture<>()).when(commands).send(any(AcceptOrder.class));
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(REQUESTED));
        reservation.on(REQUESTED, commands);
        assertThatThrownBy(batch::commit).isInstanceOf(BeforeCommit.UnfinishedWorkException.class);
    }

    @Test
    void theOutcomeIsSentOnlyOnceThePortfolioAnswered() {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        portfolioAnswers(answer);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(REQUESTED));
        reservation.on(REQUESTED, commands);
        verify(commands, never()).send(any(AcceptOrder.class));
        answer.complete(ReserveFunds.RESERVED);
        batch.commit();
        verify(commands).send(new AcceptOrder("ACME", "o-1", "o-1", ANSWERED_AT));
        assertThat(batch.isActive()).isFalse();
    }

    private void portfolioAnswers(CompletableFuture<Object> answer) {
        doReturn(answer).when(commands).send(RESERVE);
    }

    private void handleInBatch() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(REQUESTED));
        reservation.on(REQUESTED, commands);
        batch.commit();
    }
}
