package io.bourse.order.web;

import io.bourse.events.Actor;
import io.bourse.events.order.CancelOrder;
import io.bourse.order.OrderStatus;
import io.bourse.order.book.OrderBook;
import io.bourse.order.book.PlacementResult;
import io.bourse.order.query.FindOrders;
import io.bourse.order.query.OrderTrail;
import io.bourse.order.query.OrderView;
import io.bourse.platform.commandbus.GroupCommitCommandBus;
import io.bourse.platform.messaging.MessagingProperties;
import io.bourse.platform.security.Access;
import io.bourse.platform.web.IdempotentRequests;
import io.bourse.platform.web.Page;
import io.bourse.platform.web.PageRequest;
import io.bourse.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@Tag(name = "Orders", description = "Placing, reading and cancelling an account's orders")
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    static final String ORDER_ID = "The order's id, as placing it answered";
    static final String LIMIT = "Items on the page: 1 to 1000, 100 unless given";
    static final String CURSOR = "Where the page starts: the cursor of the previous page's Link rel=\"next\"; none for"
            + " the first page";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final IdempotentRequests idempotentRequests;
    private final Clock clock;
    private final GroupCommitCommandBus writer;
    private final MessagingProperties messaging;
    private final Access access;
    private final CallersOrders orders;
    private final OrderTrail trail;

    OrderController(CommandGateway commands, QueryGateway queries, IdempotentRequests idempotentRequests, Clock clock,
                    @Qualifier("localSegment") GroupCommitCommandBus writer, MessagingProperties messaging,
                    Access access, CallersOrders orders, OrderTrail trail) {
        this.commands = commands;
        this.queries = queries;
        this.idempotentRequests = idempotentRequests;
        this.clock = clock;
        this.writer = writer;
        this.messaging = messaging;
        this.access = access;
        this.orders = orders;
        this.trail = trail;
    }

    /**
     * Answers once the book has recorded the order; whether its funds can be held is known later. A repeated key
     * gets the first answer again (the same order id and the status it was first answered with).
     */
    @Operation(summary = "Place an order",
            description = "Records the order for the account (the caller's own) and answers at once: NEW, then OPEN "
                    + "once its funds or units are held, and filled by price-time priority; or REJECTED with a reason "
                    + "(INSUFFICIENT_FUNDS, UNKNOWN_INSTRUMENT, INVALID_PRICE). A LIMIT order names its limitPrice; "
                    + "a MARKET BUY may name its worst price; a MARKET SELL names none. A repeat with the same "
                    + "Idempotency-Key (or clientOrderId) and body gets the first answer and places nothing more.")
    @ApiResponse(responseCode = "202", description = "The order is recorded; its later states are read at Location",
            headers = @Header(name = "Location", description = "The order: /api/v1/orders/{orderId}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ProblemType(status = 400, code = "LIMIT_PRICE_REQUIRED", when = "a LIMIT order names no limitPrice")
    @ProblemType(status = 400, code = "LIMIT_PRICE_NOT_ALLOWED", when = "a MARKET SELL names a limitPrice")
    @ProblemType(status = 404, code = "ACCOUNT_NOT_FOUND", when = "the account is not open or not the caller's")
    @ProblemType(status = 422, code = "IDEMPOTENCY_KEY_REUSED",
            when = "the Idempotency-Key (or clientOrderId) was used with another body")
    @ProblemType(status = 422, code = "ORDER_ID_REUSED", when = "a repeat raced a first request with another body")
    @PostMapping
    ResponseEntity<PlaceOrderResponse> place(
            @Valid @RequestBody PlaceOrderRequest request,
            @Parameter(description = "Makes a repeat safe: the same key and body get the first answer. Unique per "
                    + "account; the clientOrderId stands in for it when not sent", example = "7c0e5c1a-order-1")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        request.requirePriceRules();
        access.requireAccount(request.accountId());
        writer.admit(messaging.getIntakeMaxQueueWait());
        String key = idempotencyKey != null ? idempotencyKey : request.clientOrderId();
        Function<String, PlacementResult> place = orderId -> commands.sendAndWait(
                request.toCommand(orderId, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        PlacementResult result = idempotentRequests.executeAnsweringAsFirst("orders:" + request.accountId(), key,
                request, PlacementResult.class, place);
        return ResponseEntity
                .accepted()
                .location(UriComponentsBuilder.fromPath("/api/v1/orders/{orderId}").build(result.orderId()))
                .body(new PlaceOrderResponse(result.orderId(), result.status()));
    }

    @Operation(summary = "Read an order",
            description = "The order as it stands now: its status, what has filled and at what average price. "
                    + "Another account's order is answered as unknown.")
    @ApiResponse(responseCode = "200", description = "The order")
    @ProblemType(status = 404, code = "ORDER_NOT_FOUND", when = "no order has this id, or it is not the caller's")
    @GetMapping("/{orderId}")
    OrderResponse order(@Parameter(description = ORDER_ID, example = "0b9f6e0e-3f4a-4d47-9d0e-6d2f1f1c2a11")
                        @PathVariable String orderId) {
        return OrderResponse.of(orders.get(orderId));
    }

    /**
     * The order's audit trail from the event store. Its events lie among those of every other order of its book, so a
     * page reads a bounded window of the book's stream: a page may hold fewer events than the limit, and still name
     * the next.
     */
    @Operation(summary = "Read an order's events",
            description = "Every event of the order, oldest first, as the event store keeps it: placed, the hold "
                    + "asked for, accepted or rejected, each trade, resting, filled, cancelled or expired, the hold "
                    + "given back; each with its sequence in the book's stream, its time, a short cause, who asked "
                    + "for it and its data. A trade names the other side's order and account only when they are the "
                    + "caller's (an admin sees both), and a counterparty is never named as an actor. A page that is "
                    + "not the last names the next in a Link header with rel=\"next\"; while the order is open the "
                    + "last page ends at the book's latest event. Another account's order is answered as unknown.")
    @ApiResponse(responseCode = "200", description = "A page of the order's events, oldest first",
            headers = @Header(name = "Link", description = "<...>; rel=\"next\": the next page, when there is one",
                    schema = @Schema(type = "string")))
    @ProblemType(status = 400, code = "INVALID_LIMIT", when = "limit is not from 1 to 1000")
    @ProblemType(status = 400, code = "INVALID_CURSOR", when = "the cursor is not one this list handed out")
    @ProblemType(status = 404, code = "ORDER_NOT_FOUND", when = "no order has this id, or it is not the caller's")
    @GetMapping("/{orderId}/events")
    ResponseEntity<List<OrderEventResponse>> events(
            @Parameter(description = ORDER_ID, example = "0b9f6e0e-3f4a-4d47-9d0e-6d2f1f1c2a11")
            @PathVariable String orderId,
            @Parameter(description = LIMIT, example = "100") @RequestParam(required = false) Integer limit,
            @Parameter(description = CURSOR) @RequestParam(required = false) String cursor) {
        OrderView order = orders.get(orderId);
        PageRequest page = PageRequest.of(limit, cursor);
        Predicate<String> shown = access.shownAccounts(order.accountId());
        Actor caller = Access.caller();
        return trail.read(orderId, page).map(event -> OrderEventResponse.of(event, order, shown, caller))
                .toResponse();
    }

    /** Takes a resting order off the book; its fills stand. A finished order stays as it is (409). */
    @Operation(summary = "Cancel an order",
            description = "Takes the resting remainder of the order off the book and releases its hold; what has "
                    + "filled stands. The answer gives the status the order has once cancelled.")
    @ApiResponse(responseCode = "202", description = "The cancellation is recorded")
    @ProblemType(status = 404, code = "ORDER_NOT_FOUND", when = "no order has this id, or it is not the caller's")
    @ProblemType(status = 409, code = "ORDER_FINISHED", when = "the order is already FILLED, CANCELLED, REJECTED or"
            + " EXPIRED")
    @DeleteMapping("/{orderId}")
    ResponseEntity<PlaceOrderResponse> cancel(@Parameter(description = ORDER_ID,
            example = "0b9f6e0e-3f4a-4d47-9d0e-6d2f1f1c2a11") @PathVariable String orderId) {
        OrderView order = orders.get(orderId);
        if (order.status().isFinished()) {
            throw OrderBook.orderFinished(orderId, order.status());
        }
        OrderStatus status = commands.sendAndWait(
                new CancelOrder(order.symbol(), orderId, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        return ResponseEntity.accepted().body(new PlaceOrderResponse(orderId, status));
    }

    /** A page of the account's orders, newest first; {@code Link: rel="next"} names the next page. */
    @Operation(summary = "List an account's orders",
            description = "The account's orders, newest first, in one status or of one symbol when given. A page that"
                    + " is not the last names the next in a Link header with rel=\"next\".")
    @ApiResponse(responseCode = "200", description = "A page of orders", headers = @Header(name = "Link",
            description = "<...>; rel=\"next\": the next page, when there is one",
            schema = @Schema(type = "string")))
    @ProblemType(status = 400, code = "INVALID_LIMIT", when = "limit is not from 1 to 1000")
    @ProblemType(status = 400, code = "INVALID_CURSOR", when = "the cursor is not one this list handed out")
    @ProblemType(status = 404, code = "ACCOUNT_NOT_FOUND", when = "the account is not open or not the caller's")
    @GetMapping
    ResponseEntity<List<OrderResponse>> orders(
            @Parameter(description = "The account, one of the caller's", example = "3f2b8c1e-6a4d-4e2f-9b7a-1c5d8e9f0a21")
            @RequestParam String accountId,
            @Parameter(description = "Only orders in this status") @RequestParam(required = false)
            OrderStatus status,
            @Parameter(description = "Only orders of this instrument", example = "ACME")
            @RequestParam(required = false) String symbol,
            @Parameter(description = LIMIT, example = "100") @RequestParam(required = false) Integer limit,
            @Parameter(description = CURSOR) @RequestParam(required = false) String cursor) {
        access.requireAccount(accountId);
        PageRequest page = PageRequest.of(limit, cursor);
        List<OrderView> rows = queries.query(new FindOrders(accountId, status, symbol, page),
                ResponseTypes.multipleInstancesOf(OrderView.class)).join();
        return Page.of(rows, page, order -> List.of(order.createdAt().toString(), order.orderId()))
                .map(OrderResponse::of).toResponse();
    }
}
