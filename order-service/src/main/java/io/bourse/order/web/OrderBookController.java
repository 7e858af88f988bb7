package io.bourse.order.web;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.order.query.FetchOrderBookDepth;
import io.bourse.order.query.OrderBookDepth;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderBookController {

    private final QueryGateway queries;

    OrderBookController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/order-books/{symbol}")
    OrderBookResponse book(@PathVariable String symbol,
                           @RequestParam(defaultValue = "10") @Min(1) @Max(1000) int depth) {
        return queries.query(new FetchOrderBookDepth(symbol, depth),
                        ResponseTypes.optionalInstanceOf(OrderBookDepth.class))
                .join()
                .map(OrderBookResponse::of)
                .orElseThrow(() -> new DomainException(Kind.NOT_FOUND, "INSTRUMENT_NOT_FOUND",
                        symbol + " is not listed"));
    }
}
