package io.bourse.order.web;

import io.bourse.order.query.InstrumentView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

public record InstrumentResponse(@Schema(example = "ACME") String symbol,
                                 @Schema(example = "0.01") String tickSize,
                                 @Schema(example = "2026-12-01T09:30:00.000001Z") Instant listedAt) {

    static InstrumentResponse of(InstrumentView instrument) {
        return new InstrumentResponse(instrument.symbol(), Decimals.format(instrument.tickSize()),
                instrument.listedAt());
    }
}
