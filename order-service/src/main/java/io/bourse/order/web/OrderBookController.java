package io.bourse.order.web;

import io.bourse.events.DomainException.Kind;
import io.bourse.events.DomainException;
import io.bourse.order.query.FetchOrderBookDepth;
import io.bourse.order.query.OrderBookDepth;
import io.bourse.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Order books", description = "The depth of each instrument's book")
@RestController
class OrderBookController {

    private final QueryGateway queries;

    OrderBookController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "Read a book's depth",
            description = "The best price levels of each side, best first: bids highest first, asks lowest first; "
                    + "each level's resting quantity and number of orders. Open to every trader.")
    @ApiResponse(responseCode = "200", description = "The book's depth")
    @ProblemType(status = 404, code = "INSTRUMENT_NOT_FOUND", when = "the symbol is not listed")
    @GetMapping("/api/v1/order-books/{symbol}")
    OrderBookResponse book(@Parameter(description = "The instrument", example = "ACME") @PathVariable String symbol,
                           @Parameter(description = "Price levels per side: 1 to 1000", example = "10")
                           @RequestParam(defaultValue = "10") @Min(1) @Max(1000) int depth) {
        return queries.query(new FetchOrderBookDepth(symbol, depth),
                        ResponseTypes.optionalInstanceOf(OrderBookDepth.class))
                .join()
                .map(OrderBookResponse::of)
                .orElseThrow(() -> new DomainException(Kind.NOT_FOUND, "INSTRUMENT_NOT_FOUND",
                        symbol + " is not listed"));
    }
}
