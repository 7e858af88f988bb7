package io.bourse.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record InstrumentListed(String symbol, BigDecimal tickSize, Instant listedAt) {
}
