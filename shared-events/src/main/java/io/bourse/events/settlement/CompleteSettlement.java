package io.bourse.events.settlement;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Both legs settled. Idempotent: a settlement that already ended stays as it is. */
public record CompleteSettlement(@TargetAggregateIdentifier String tradeId, Instant settledAt) {
}
