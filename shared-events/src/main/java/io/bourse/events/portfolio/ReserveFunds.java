package io.bourse.events.portfolio;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Hold an amount of an asset for an order. Idempotent by reservation id: a repeat answers as the first
 * did and never holds twice. The outcome is recorded as {@link FundsReserved} or {@link FundsReservationRejected},
 * and answered as {@link #RESERVED} or {@link #REJECTED}, so the sender needs no round trip through the events.
 */
public record ReserveFunds(@TargetAggregateIdentifier String accountId, String reservationId, String orderId,
                           String asset, BigDecimal amount) {

    /** The answer when the hold was placed. */
    public static final String RESERVED = "RESERVED";
    /** The answer when the hold was refused: not enough available. */
    public static final String REJECTED = "REJECTED";
}
