package io.bourse.events.settlement;

import io.bourse.events.order.Side;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A portfolio settled one leg of the trade. */
@Revision("1")
public record LegSettled(String tradeId, Side side, Instant settledAt) {
}
