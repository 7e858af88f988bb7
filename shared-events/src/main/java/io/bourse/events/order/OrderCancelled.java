package io.bourse.events.order;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The order, or its unfilled remainder, is off the book for good (status CANCELLED); its fills stand. */
@Revision("1")
public record OrderCancelled(String symbol, String orderId, String accountId, CancelReason reason, Instant cancelledAt) {
}
