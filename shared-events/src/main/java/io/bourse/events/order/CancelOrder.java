package io.bourse.events.order;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A client asks to take an order off the book. A finished order stays as it is and the request is refused. */
public record CancelOrder(@TargetAggregateIdentifier String symbol, String orderId, Instant requestedAt) {
}
