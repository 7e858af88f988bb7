package io.bourse.order.placement;

import io.bourse.events.order.AcceptOrder;
import io.bourse.events.order.RejectOrder;
import io.bourse.events.order.RejectReason;
import io.bourse.events.order.ReservationRequested;
import io.bourse.events.portfolio.AccountNotFoundException;
import io.bourse.events.portfolio.ReserveFunds;
import io.bourse.platform.commandbus.Causes;
import io.bourse.platform.messaging.BeforeCommit;
import io.bourse.platform.messaging.MessagingProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes a placed order from NEW to the book or to REJECTED: asks the account's portfolio to hold the order's funds
 * and tells the book the answer. The portfolio's reply carries the outcome, so no event has to come back through
 * Kafka; the book's command is sent from the reply, outside this processor's transaction, so the book is never
 * locked while this processor's batch is open.
 * <p>
 * The processor moves past a batch of requests only when the book has recorded every outcome, so a crash in between
 * asks again (the portfolio answers a repeated reservation as the first time, the book ignores a repeated outcome).
 * Every order leaves NEW in bounded time: without an answer within the command timeout the order is rejected with
 * {@link RejectReason#RESERVATION_FAILED}, and the book releases whatever may have been held for it.
 */
@Component
@DisallowReplay
@ProcessingGroup(FundsReservation.PROCESSING_GROUP)
class FundsReservation {

    /** Holds asked for and holds given back share one processor: one pass over the book's events per batch. */
    static final String PROCESSING_GROUP = "placement";

    private static final Logger log = LoggerFactory.getLogger(FundsReservation.class);

    private final Clock clock;
    private final Duration outcomeTimeout;

    FundsReservation(Clock clock, MessagingProperties messaging) {
        this.clock = clock;
        // The reservation's own timeout, then the book's answer.
        this.outcomeTimeout = messaging.getCommandTimeout().multipliedBy(2);
    }

    @EventHandler
    void on(ReservationRequested event, CommandGateway commands) {
        CompletableFuture<Object> recorded = commands.send(new ReserveFunds(event.accountId(), event.reservationId(),
                        event.orderId(), event.asset(), event.amount()))
                .handle((answer, failure) -> outcome(event, answer, failure))
                .thenCompose(commands::send);
        BeforeCommit.await("reservation outcomes", recorded, outcomeTimeout);
    }

    private Object outcome(ReservationRequested event, Object answer, Throwable failure) {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (failure == null) {
            return ReserveFunds.RESERVED.equals(answer)
                    ? new AcceptOrder(event.symbol(), event.orderId(), event.reservationId(), now)
                    : new RejectOrder(event.symbol(), event.orderId(), RejectReason.INSUFFICIENT_FUNDS, now);
        }
        if (isUnknownAccount(failure)) {
            return new RejectOrder(event.symbol(), event.orderId(), RejectReason.UNKNOWN_ACCOUNT, now);
        }
        log.warn("No reservation outcome for order {}; it is rejected and whatever was held is released",
                event.orderId(), failure);
        return new RejectOrder(event.symbol(), event.orderId(), RejectReason.RESERVATION_FAILED, now);
    }

    private static boolean isUnknownAccount(Throwable failure) {
        return Causes.find(failure, AccountNotFoundException.class) != null
                || Causes.find(failure, AggregateNotFoundException.class) != null;
    }
}
