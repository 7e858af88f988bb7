package io.bourse.events.settlement;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The trade's legs did not all answer within the deadline; settling goes on, and operators are told. */
@Revision("1")
public record SettlementOverdue(String tradeId, Instant since) {
}
