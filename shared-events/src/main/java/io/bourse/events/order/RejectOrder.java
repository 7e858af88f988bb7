package io.bourse.events.order;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Idempotent by order id: an order that is already finished stays as it is. */
public record RejectOrder(@TargetAggregateIdentifier String symbol, String orderId, RejectReason reason, Instant rejectedAt) {
}
