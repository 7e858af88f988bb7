package io.bourse.order.query;

import java.math.BigDecimal;
import java.time.Instant;

public record InstrumentView(String symbol, BigDecimal tickSize, Instant listedAt) {
}
