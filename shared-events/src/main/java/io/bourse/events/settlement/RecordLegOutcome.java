package io.bourse.events.settlement;

import io.bourse.events.order.Side;
import io.bourse.events.portfolio.TradeLegState;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records what a portfolio answered for one leg of a trade. Idempotent: a leg's outcome is recorded once, except that
 * a reversal may follow a settlement or a rejection. The record decides the trade's outcome from its legs.
 */
public record RecordLegOutcome(@TargetAggregateIdentifier String tradeId, Side side, TradeLegState state,
                               String reason, Instant recordedAt) {
}
