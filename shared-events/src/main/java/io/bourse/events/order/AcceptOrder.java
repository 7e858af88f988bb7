package io.bourse.events.order;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order's funds are reserved: it enters the book. Idempotent by order id. */
public record AcceptOrder(@TargetAggregateIdentifier String symbol, String orderId, String reservationId, Instant acceptedAt) {
}
