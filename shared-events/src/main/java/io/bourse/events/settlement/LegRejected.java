package io.bourse.events.settlement;

import io.bourse.events.order.Side;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A portfolio refused one leg of the trade (a frozen account, a hold short of it): the trade cannot settle. */
@Revision("1")
public record LegRejected(String tradeId, Side side, String reason, Instant rejectedAt) {
}
