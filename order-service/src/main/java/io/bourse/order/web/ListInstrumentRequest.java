package io.bourse.order.web;

import io.bourse.events.Assets;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

@Schema(description = "An instrument to list")
public record ListInstrumentRequest(
        @Schema(description = "1 to 12 capital letters, digits or dots, starting with a letter; not USD",
                example = "ACME") @NotNull @ValidSymbol String symbol,
        @Schema(description = "The price grid: a positive whole number of cents", example = "0.01")
        @NotNull @Pattern(regexp = Decimals.POSITIVE, message = Decimals.POSITIVE_MESSAGE)
        @DecimalMax(Assets.MAX_PRICE) String tickSize) {
}
