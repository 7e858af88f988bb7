package io.bourse.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens trading in a symbol; the symbol's order book is the aggregate. */
public record ListInstrument(@TargetAggregateIdentifier String symbol, BigDecimal tickSize, Instant listedAt) {
}
