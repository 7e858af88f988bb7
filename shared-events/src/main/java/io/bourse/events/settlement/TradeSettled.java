package io.bourse.events.settlement;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The buyer has the units and the seller the cash (status SETTLED). */
@Revision("1")
public record TradeSettled(String tradeId, Instant settledAt) {
}
