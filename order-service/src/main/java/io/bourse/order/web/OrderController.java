package io.bourse.order.web;

import io.bourse.events.order.CancelOrder;
import io.bourse.events.order.OrderNotFoundException;
import io.bourse.order.OrderStatus;
import io.bourse.order.book.PlacementResult;
import io.bourse.order.query.FindOrder;
import io.bourse.order.query.FindOrders;
import io.bourse.order.query.OrderView;
import io.bourse.platform.web.IdempotentRequests;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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

    OrderController(CommandGateway commands, QueryGateway queries, IdempotentRequests idempotentRequests, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.idempotentRequests = idempotentRequests;
        this.clock = clock;
    }

    /** Answers once the book has recorded the order; whether its funds can be held is known later. */
    @PostMapping
    ResponseEntity<PlaceOrderResponse> place(
            @Valid @RequestBody PlaceOrderRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        request.requireLimitPriceForLimitOrder();
        String key = idempotencyKey != null ? idempotencyKey : request.clientOrderId();
        PlacementResult result = idempotentRequests.execute("orders:" + request.accountId(), key, request,
                orderId -> commands.sendAndWait(
                        request.toCommand(orderId, clock.instant().truncatedTo(ChronoUnit.MICROS))));
        return ResponseEntity
                .accepted()
                .location(UriComponentsBuilder.fromPath("/api/v1/orders/{orderId}").build(result.orderId()))
                .body(new PlaceOrderResponse(result.orderId(), result.status()));
    }

    @GetMapping("/{orderId}")
    OrderResponse order(@PathVariable String orderId) {
        return OrderResponse.of(find(orderId));
    }

    /** Takes a resting order off the book; its fills stand. A finished order stays as it is (409). */
    @DeleteMapping("/{orderId}")
    ResponseEntity<PlaceOrderResponse> cancel(@PathVariable String orderId) {
        OrderView order = find(orderId);
        OrderStatus status = commands.sendAndWait(
                new CancelOrder(order.symbol(), orderId, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        return ResponseEntity.accepted().body(new PlaceOrderResponse(orderId, status));
    }

    private OrderView find(String orderId) {
        return queries.query(new FindOrder(orderId), ResponseTypes.optionalInstanceOf(OrderView.class)).join()
                .orElseThrow(() -> new OrderNotFoundException("no order " + orderId));
    }

    @GetMapping
    List<OrderResponse> orders(@RequestParam String accountId,
                               @RequestParam(required = false) OrderStatus status,
                               @RequestParam(required = false) String symbol) {
        return queries.query(new FindOrders(accountId, status, symbol),
                        ResponseTypes.multipleInstancesOf(OrderView.class))
                .join().stream().map(OrderResponse::of).toList();
    }
}
