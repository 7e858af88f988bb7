package io.bourse.events.order;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The order's whole quantity traded (status FILLED). */
@Revision("1")
public record OrderFilled(String symbol, String orderId, String accountId, Instant filledAt) {
}
