package io.bourse.order.web;

import io.bourse.events.order.ListInstrument;
import io.bourse.order.query.InstrumentView;
import io.bourse.order.query.ListInstruments;
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

    @GetMapping
    List<InstrumentResponse> listed() {
        return queries.query(new ListInstruments(), ResponseTypes.multipleInstancesOf(InstrumentView.class)).join()
                .stream().map(InstrumentResponse::of).toList();
    }
}
