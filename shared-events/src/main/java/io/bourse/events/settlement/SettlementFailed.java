package io.bourse.events.settlement;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A leg was refused, and nothing of the trade moved or what moved was moved back (status FAILED). A deadline never
 * fails a trade: older records may still carry the reason {@code DEADLINE_EXPIRED} from before that rule.
 */
@Revision("1")
public record SettlementFailed(String tradeId, String reason, Instant failedAt) {
}
