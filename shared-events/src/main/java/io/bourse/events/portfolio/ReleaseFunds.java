package io.bourse.events.portfolio;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give back to available the given part of a reservation's remaining hold and close the reservation.
 * Idempotent by reservation id: a closed reservation is not released again.
 */
public record ReleaseFunds(@TargetAggregateIdentifier String accountId, String reservationId, BigDecimal amount) {
}
