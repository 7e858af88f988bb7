package io.bourse.order.web;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.order.query.FindTrades;
import io.bourse.order.query.TradeView;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/trades")
class TradeController {

    private final QueryGateway queries;

    TradeController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Trades of one symbol, one order or one account, newest first: exactly one of the three. */
    @GetMapping
    List<TradeResponse> trades(@RequestParam(required = false) String symbol,
                               @RequestParam(required = false) String orderId,
                               @RequestParam(required = false) String accountId) {
        if (Stream.of(symbol, orderId, accountId).filter(value -> value != null && !value.isBlank()).count() != 1) {
            throw new DomainException(Kind.INVALID, "ONE_FILTER_REQUIRED",
                    "name exactly one of symbol, orderId or accountId");
        }
        return queries.query(new FindTrades(symbol, orderId, accountId),
                        ResponseTypes.multipleInstancesOf(TradeView.class))
                .join().stream().map(TradeResponse::of).toList();
    }
}
