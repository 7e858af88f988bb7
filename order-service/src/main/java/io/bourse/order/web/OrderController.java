package io.bourse.order.web;

import io.bourse.events.order.CancelOrder;
import io.bourse.order.OrderStatus;
import io.bourse.order.book.OrderBook;
import io.bourse.order.book.PlacementResult;
import io.bourse.order.query.FindOrders;
import io.bourse.order.query.OrderView;
import io.bourse.platform.commandbus.GroupCommitCommandBus;
import io.bourse.platform.messaging.MessagingProperties;
import io.bourse.platform.security.Access;
import io.bourse.platform.web.IdempotentRequests;
import io.bourse.platform.web.Page;
import io.bourse.platform.web.PageRequest;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
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

@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final IdempotentRequests idempotentRequests;
    private final Clock clock;
    private final GroupCommitCommandBus writer;
    private final MessagingProperties messaging;
    private final Access access;
    private final CallersOrders orders;

    OrderController(CommandGateway commands, QueryGateway queries, IdempotentRequests idempotentRequests, Clock clock,
                    @Qualifier("localSegment") GroupCommitCommandBus writer, MessagingProperties messaging,
                    Access access, CallersOrders orders) {
        this.commands = commands;
        this.queries = queries;
        this.idempotentRequests = idempotentRequests;
        this.clock = clock;
        this.writer = writer;
        this.messaging = messaging;
        this.access = access;
        this.orders = orders;
    }

    /**
     * Answers once the book has recorded the order; whether its funds can be held is known later. A repeated key
     * gets the first answer again (the same order id and the status it was first answered with).
     */
    @PostMapping
    ResponseEntity<PlaceOrderResponse> place(
            @Valid @RequestBody PlaceOrderRequest request,
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

    @GetMapping("/{orderId}")
    OrderResponse order(@PathVariable String orderId) {
        return OrderResponse.of(orders.get(orderId));
    }

    /** Takes a resting order off the book; its fills stand. A finished order stays as it is (409). */
    @DeleteMapping("/{orderId}")
    ResponseEntity<PlaceOrderResponse> cancel(@PathVariable String orderId) {
        OrderView order = orders.get(orderId);
        if (order.status().isFinished()) {
            throw OrderBook.orderFinished(orderId, order.status());
        }
        OrderStatus status = commands.sendAndWait(
                new CancelOrder(order.symbol(), orderId, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        return ResponseEntity.accepted().body(new PlaceOrderResponse(orderId, status));
    }

    /** A page of the account's orders, newest first; {@code Link: rel="next"} names the next page. */
    @GetMapping
    ResponseEntity<List<OrderResponse>> orders(@RequestParam String accountId,
                                               @RequestParam(required = false) OrderStatus status,
                                               @RequestParam(required = false) String symbol,
                                               @RequestParam(required = false) Integer limit,
                                               @RequestParam(required = false) String cursor) {
        access.requireAccount(accountId);
        PageRequest page = PageRequest.of(limit, cursor);
        List<OrderView> rows = queries.query(new FindOrders(accountId, status, symbol, page),
                ResponseTypes.multipleInstancesOf(OrderView.class)).join();
        return Page.of(rows, page, order -> List.of(order.createdAt().toString(), order.orderId()))
                .map(OrderResponse::of).toResponse();
    }
}
