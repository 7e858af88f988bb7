package io.bourse.order.placement;

import io.bourse.events.order.ReservationReleaseDue;
import io.bourse.events.portfolio.ReleaseFunds;
import io.bourse.platform.messaging.BeforeCommit;
import io.bourse.platform.messaging.MessagingProperties;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Gives back in the portfolio what an order's hold no longer needs once the order ends. The releases of a batch are
 * sent together and the processor moves on only when the portfolio confirmed every one; a failure stops the
 * processor to retry the same events: a release is never skipped. ReleaseFunds is idempotent by reservation, so a
 * retry cannot release twice.
 */
@Component
@DisallowReplay
@ProcessingGroup(FundsReservation.PROCESSING_GROUP)
class ReservationReleaser {

    private final Duration timeout;

    ReservationReleaser(MessagingProperties messaging) {
        this.timeout = messaging.getCommandTimeout();
    }

    @EventHandler
    void on(ReservationReleaseDue event, CommandGateway commands) {
        BeforeCommit.await("releases", commands.send(new ReleaseFunds(event.accountId(), event.reservationId(),
                event.amount())), timeout);
    }
}
