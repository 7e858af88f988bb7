package io.bourse.order.web;

import io.bourse.events.Assets;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public record ListInstrumentRequest(
        @NotNull @ValidSymbol String symbol,
        @NotNull @Pattern(regexp = Decimals.POSITIVE, message = Decimals.POSITIVE_MESSAGE)
        @DecimalMax(Assets.MAX_PRICE) String tickSize) {
}
