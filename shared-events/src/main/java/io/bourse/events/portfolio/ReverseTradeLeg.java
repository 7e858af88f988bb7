package io.bourse.events.portfolio;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Undo a settled leg (compensation): everything it moved moves back, to available. A leg that never settled is
 * marked reversed, so a late settle of it is refused. Idempotent by leg id; works on frozen accounts too.
 */
public record ReverseTradeLeg(@TargetAggregateIdentifier String accountId, String legId, String tradeId) {
}
