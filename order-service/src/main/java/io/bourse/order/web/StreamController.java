package io.bourse.order.web;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.order.query.OrderBookDepth;
import io.bourse.order.query.OrderReads;
import io.bourse.platform.security.Access;
import io.bourse.platform.streams.LiveStreams;
import io.bourse.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** The order-service's streams (docs/STREAMS.md): books, the public tape, and a trader's own orders and fills. */
@Tag(name = LiveStreams.OPENAPI_TAG, description = LiveStreams.OPENAPI_TAG_DESCRIPTION)
@RestController
class StreamController {

    static final int TAPE_SNAPSHOT = 50;
    static final int OPEN_ORDERS_SNAPSHOT = 1000;

    private final LiveStreams live;
    private final OrderReads reads;
    private final Access access;

    StreamController(LiveStreams live, OrderReads reads, Access access) {
        this.live = live;
        this.reads = reads;
        this.access = access;
    }

    @Operation(summary = "Stream a book's depth",
            description = "A `snapshot` of the book's depth (as GET /api/v1/order-books/{symbol}), then a `depth` event"
                    + " with the new depth after every committed change. Open to every trader.")
    @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @ProblemType(status = 404, code = "INSTRUMENT_NOT_FOUND", when = "the symbol is not listed")
    @GetMapping(path = "/api/v1/streams/order-books/{symbol}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> book(
            @Parameter(description = "The instrument", example = "ACME") @PathVariable String symbol,
            @Parameter(description = "Price levels per side: 1 to 1000", example = "10")
            @RequestParam(defaultValue = "10") @Min(1) @Max(1000) int depth,
            @Parameter(description = LiveStreams.LAST_EVENT_ID_DESCRIPTION)
            @RequestHeader(name = LiveStreams.LAST_EVENT_ID, required = false) String lastEventId) {
        listed(symbol);
        return live.subscribe(OrderStreams.book(symbol, depth), lastEventId,
                () -> OrderBookResponse.of(reads.depth(symbol, depth).orElse(empty(symbol))));
    }

    @Operation(summary = "Stream the public tape",
            description = "A `snapshot` of the latest 50 trades, newest first, then a `trade` event for each trade as it "
                    + "executes; of one symbol, or of every symbol without one. No accounts or orders are named.")
    @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @ProblemType(status = 404, code = "INSTRUMENT_NOT_FOUND", when = "the symbol is not listed")
    @GetMapping(path = "/api/v1/streams/trades", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> tape(
            @Parameter(description = "The instrument; every instrument without it", example = "ACME")
            @RequestParam(required = false) String symbol,
            @Parameter(description = LiveStreams.LAST_EVENT_ID_DESCRIPTION)
            @RequestHeader(name = LiveStreams.LAST_EVENT_ID, required = false) String lastEventId) {
        String key = symbol == null || symbol.isBlank() ? OrderStreams.EVERY_SYMBOL : symbol;
        if (!key.equals(OrderStreams.EVERY_SYMBOL)) {
            listed(symbol);
        }
        String only = key.equals(OrderStreams.EVERY_SYMBOL) ? null : symbol;
        return live.subscribe(OrderStreams.tape(key), lastEventId, () -> new Tape(
                reads.latestTrades(only, TAPE_SNAPSHOT).stream().map(OrderStreams.TapeTrade::of).toList()));
    }

    @Operation(summary = "Stream an account's orders and fills",
            description = "A `snapshot` of the account's orders that are not done, newest first; then a `fill` event "
                    + "for each trade of one of its orders and an `order` event (as GET /api/v1/orders/{orderId}) after "
                    + "every change of one. For the account's owner.")
    @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @ProblemType(status = 404, code = "ACCOUNT_NOT_FOUND", when = "the account is not open or not the caller's")
    @GetMapping(path = "/api/v1/streams/orders", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> orders(
            @Parameter(description = "One of the caller's accounts") @RequestParam String accountId,
            @Parameter(description = LiveStreams.LAST_EVENT_ID_DESCRIPTION)
            @RequestHeader(name = LiveStreams.LAST_EVENT_ID, required = false) String lastEventId) {
        access.requireAccount(accountId);
        return live.subscribe(OrderStreams.orders(accountId), lastEventId, () -> new OpenOrders(
                reads.openOrders(accountId, OPEN_ORDERS_SNAPSHOT).stream().map(OrderResponse::of).toList()));
    }

    private void listed(String symbol) {
        if (!reads.listed(symbol)) {
            throw new DomainException(Kind.NOT_FOUND, "INSTRUMENT_NOT_FOUND", symbol + " is not listed");
        }
    }

    private static OrderBookDepth empty(String symbol) {
        return new OrderBookDepth(symbol, List.of(), List.of());
    }

    record Tape(List<OrderStreams.TapeTrade> trades) {
    }

    record OpenOrders(List<OrderResponse> orders) {
    }
}
