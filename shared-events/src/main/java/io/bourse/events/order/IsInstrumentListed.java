package io.bourse.events.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the symbol's order book whether the instrument is listed; answered with true, or not found. A listing is
 * never withdrawn, so an answer of true may be remembered.
 */
public record IsInstrumentListed(@TargetAggregateIdentifier String symbol) {
}
