package io.bourse.events.order;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The order rests on the book with its funds reserved (status OPEN). */
@Revision("1")
public record OrderAccepted(String symbol, String orderId, String accountId, String reservationId, Instant acceptedAt) {
}
