package io.bourse.events.settlement;

import io.bourse.events.order.Side;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A portfolio undid one leg of the trade, or voided it before it settled (compensation). */
@Revision("1")
public record LegReversed(String tradeId, Side side, Instant reversedAt) {
}
