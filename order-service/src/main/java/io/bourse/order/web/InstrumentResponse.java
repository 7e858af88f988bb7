package io.bourse.order.web;

import io.bourse.order.query.InstrumentView;
import java.time.Instant;

public record InstrumentResponse(String symbol, String tickSize, Instant listedAt) {

    static InstrumentResponse of(InstrumentView instrument) {
        return new InstrumentResponse(instrument.symbol(), Decimals.format(instrument.tickSize()),
                instrument.listedAt());
    }
}
