package io.bourse.events.settlement;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A leg failed and the other is compensated, or the deadline passed. Idempotent like {@link CompleteSettlement}. */
public record FailSettlement(@TargetAggregateIdentifier String tradeId, String reason, Instant failedAt) {
}
