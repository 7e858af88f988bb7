package io.bourse.order.placement;

import io.bourse.events.order.ReservationReleaseDue;
import io.bourse.events.portfolio.ReleaseFunds;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Gives back in the portfolio what an order's hold no longer needs once the order ends. It waits for the
 * portfolio's answer before its processor moves on, and a failure stops the processor to retry the same event:
 * a release is never skipped. ReleaseFunds is idempotent by reservation, so a retry cannot release twice.
 */
@Component
@ProcessingGroup(ReservationReleaser.PROCESSING_GROUP)
class ReservationReleaser {

    static final String PROCESSING_GROUP = "reservation-release";

    @EventHandler
    void on(ReservationReleaseDue event, CommandGateway commands) {
        commands.sendAndWait(new ReleaseFunds(event.accountId(), event.reservationId(), event.amount()));
    }
}
