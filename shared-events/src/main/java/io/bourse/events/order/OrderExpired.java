package io.bourse.events.order;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An IOC or FOK order's remainder could not fill at once (status EXPIRED); a FOK that expires traded nothing. */
@Revision("1")
public record OrderExpired(String symbol, String orderId, String accountId, Instant expiredAt) {
}
