package io.bourse.events.settlement;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Nothing of the trade moved, or what moved was moved back (status FAILED). */
@Revision("1")
public record SettlementFailed(String tradeId, String reason, Instant failedAt) {

    public static final String DEADLINE_EXPIRED = "DEADLINE_EXPIRED";
}
