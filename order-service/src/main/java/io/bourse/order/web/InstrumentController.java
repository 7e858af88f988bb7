package io.bourse.order.web;

import io.bourse.events.order.ListInstrument;
import io.bourse.order.query.InstrumentView;
import io.bourse.order.query.ListInstruments;
import io.bourse.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@Tag(name = "Instruments", description = "What can be traded, each against USD")
@RestController
@RequestMapping("/api/v1/instruments")
class InstrumentController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;

    InstrumentController(CommandGateway commands, QueryGateway queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(summary = "List an instrument",
            description = "Opens a book for the symbol, on a price grid of the tick size (a whole number of cents). "
                    + "An operator's action.")
    @ApiResponse(responseCode = "201", description = "The instrument is listed",
            headers = @Header(name = "Location", description = "The instrument: /api/v1/instruments/{symbol}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ProblemType(status = 400, code = "INVALID_TICK_SIZE", when = "the tick size is not a whole number of cents")
    @ProblemType(status = 409, code = "INSTRUMENT_ALREADY_LISTED", when = "the symbol is listed already")
    @PostMapping
    ResponseEntity<InstrumentResponse> list(@Valid @RequestBody ListInstrumentRequest request) {
        // The database keeps microseconds; answering with the same precision keeps this answer equal to later reads.
        Instant listedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        BigDecimal tickSize = Decimals.parse(request.tickSize());
        commands.sendAndWait(new ListInstrument(request.symbol(), tickSize, listedAt));
        return ResponseEntity
                .created(UriComponentsBuilder.fromPath("/api/v1/instruments/{symbol}").build(request.symbol()))
                .body(InstrumentResponse.of(new InstrumentView(request.symbol(), tickSize, listedAt)));
    }

    @Operation(summary = "Listed instruments", description = "Every instrument listed, with its tick size.")
    @ApiResponse(responseCode = "200", description = "The instruments")
    @GetMapping
    List<InstrumentResponse> listed() {
        return queries.query(new ListInstruments(), ResponseTypes.multipleInstancesOf(InstrumentView.class)).join()
                .stream().map(InstrumentResponse::of).toList();
    }
}
