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
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a placed order from NEW to OPEN or REJECTED: asks the account's portfolio to hold the order's funds and
 * tells the book what came of it. Command times come from the events, so a replayed saga sends the same commands.
 */
@Saga
@ProcessingGroup(OrderPlacementSaga.PROCESSING_GROUP)
public class OrderPlacementSaga {

    public static final String PROCESSING_GROUP = "order-placement";
    static final String ORDER_ID = "orderId";

    private static final Logger log = LoggerFactory.getLogger(OrderPlacementSaga.class);

    // The book to answer: portfolio events know the order but not its symbol.
    private String symbol;

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(ReservationRequested event, @Timestamp Instant requestedAt, CommandGateway commands) {
        symbol = event.symbol();
        ReserveFunds reserve = new ReserveFunds(event.accountId(), event.reservationId(), event.orderId(),
                event.asset(), event.amount());
        RejectOrder unknownAccount = new RejectOrder(event.symbol(), event.orderId(), RejectReason.UNKNOWN_ACCOUNT,
                requestedAt);
        commands.send(reserve).whenComplete((result, failure) -> {
            if (failure == null) {
                return;
            }
            // A portfolio that does not exist records no outcome, so without this the order would wait forever.
            if (isUnknownAccount(failure)) {
                send(commands, unknownAccount);
            } else {
                log.warn("Reserving funds for order {} failed; it stays NEW", event.orderId(), failure);
            }
        });
    }

    // The saga's work ends with the reservation's outcome: whatever the book does next (even with an order the
    // client cancelled meanwhile, whose hold it then releases) needs no further step from here.
    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(FundsReserved event, @Timestamp Instant reservedAt, CommandGateway commands) {
        send(commands, new AcceptOrder(symbol, event.orderId(), event.reservationId(), reservedAt));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(FundsReservationRejected event, @Timestamp Instant rejectedAt, CommandGateway commands) {
        RejectReason reason = FundsReservationRejected.UNKNOWN_ACCOUNT.equals(event.reason())
                ? RejectReason.UNKNOWN_ACCOUNT
                : RejectReason.INSUFFICIENT_FUNDS;
        send(commands, new RejectOrder(symbol, event.orderId(), reason, rejectedAt));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderAccepted event) {
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderRejected event) {
    }

    private static void send(CommandGateway commands, Object command) {
        commands.send(command).whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("{} was not handled", command, failure);
            }
        });
    }

    private static boolean isUnknownAccount(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AccountNotFoundException || cause instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }
}
