package io.bourse.events.settlement;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The settlement's deadline passed for the {@code attempt}-th time without an outcome. The first time marks it
 * overdue; with {@code park} it is handed to an operator and no longer retried. A settled or failed one is not
 * changed.
 */
public record FlagSettlement(@TargetAggregateIdentifier String tradeId, int attempt, boolean park, Instant at) {
}
