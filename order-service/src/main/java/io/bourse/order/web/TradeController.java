package io.bourse.order.web;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.order.query.FindTrades;
import io.bourse.order.query.TradeView;
import io.bourse.platform.security.Access;
import io.bourse.platform.web.Page;
import io.bourse.platform.web.PageRequest;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/trades")
class TradeController {

    private final QueryGateway queries;
    private final Access access;
    private final CallersOrders orders;

    TradeController(QueryGateway queries, Access access, CallersOrders orders) {
        this.queries = queries;
        this.access = access;
        this.orders = orders;
    }

    /**
     * Trades of one symbol, one order or one account, newest first: exactly one of the three. A symbol's trades are
     * the public tape, without accounts or orders; an order's or an account's are for their owner. Paged like every
     * list.
     */
    @GetMapping
    ResponseEntity<List<TradeResponse>> trades(@RequestParam(required = false) String symbol,
                                               @RequestParam(required = false) String orderId,
                                               @RequestParam(required = false) String accountId,
                                               @RequestParam(required = false) Integer limit,
                                               @RequestParam(required = false) String cursor) {
        if (Stream.of(symbol, orderId, accountId).filter(value -> value != null && !value.isBlank()).count() != 1) {
            throw new DomainException(Kind.INVALID, "ONE_FILTER_REQUIRED",
                    "name exactly one of symbol, orderId or accountId");
        }
        Predicate<String> shown;
        if (accountId != null && !accountId.isBlank()) {
            access.requireAccount(accountId);
            shown = access.shownAccounts(accountId);
        } else if (orderId != null && !orderId.isBlank()) {
            shown = access.shownAccounts(orders.get(orderId).accountId());
        } else {
            shown = account -> false;
        }
        PageRequest page = PageRequest.of(limit, cursor);
        List<TradeView> rows = queries.query(new FindTrades(symbol, orderId, accountId, page),
                ResponseTypes.multipleInstancesOf(TradeView.class)).join();
        return Page.of(rows, page, trade -> List.of(trade.executedAt().toString(),
                        Long.toString(trade.bookSequence()), trade.tradeId()))
                .map(trade -> TradeResponse.of(trade, shown)).toResponse();
    }
}
