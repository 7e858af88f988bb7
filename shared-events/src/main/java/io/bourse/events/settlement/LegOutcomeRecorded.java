package io.bourse.events.settlement;

import io.bourse.events.order.Side;
import io.bourse.events.portfolio.TradeLegState;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A portfolio settled, rejected or reversed one leg of the trade. */
@Revision("1")
public record LegOutcomeRecorded(String tradeId, Side side, TradeLegState state, String reason, Instant recordedAt) {
}
