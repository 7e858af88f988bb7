package io.bourse.events.order;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The order's funds are reserved and it enters the book (status OPEN): it trades what it can, then rests or ends. */
@Revision("1")
public record OrderAccepted(String symbol, String orderId, String accountId, String reservationId, Instant acceptedAt) {
}
