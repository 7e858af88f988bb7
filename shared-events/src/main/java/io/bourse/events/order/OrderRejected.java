package io.bourse.events.order;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record OrderRejected(String symbol, String orderId, String accountId, RejectReason reason, Instant rejectedAt) {
}
