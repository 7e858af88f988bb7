package io.bourse.events.settlement;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Settling the trade was retried as often as allowed without an outcome: it waits for an operator, still PENDING,
 * its funds still held. An outcome that arrives later is still recorded.
 */
@Revision("1")
public record SettlementParked(String tradeId, int attempts, Instant parkedAt) {
}
