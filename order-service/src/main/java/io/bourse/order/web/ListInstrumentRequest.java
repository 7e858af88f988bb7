package io.bourse.order.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public record ListInstrumentRequest(
        @NotNull @ValidSymbol String symbol,
        @NotNull @Pattern(regexp = Decimals.POSITIVE, message = Decimals.POSITIVE_MESSAGE) String tickSize) {
}
