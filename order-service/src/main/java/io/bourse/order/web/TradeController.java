package io.bourse.order.web;

import io.bourse.events.DomainException.Kind;
import io.bourse.events.DomainException;
import io.bourse.order.query.FindTrades;
import io.bourse.order.query.TradeView;
import io.bourse.platform.security.Access;
import io.bourse.platform.web.Page;
import io.bourse.platform.web.PageRequest;
import io.bourse.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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

@Tag(name = "Trades", description = "Executed trades: the public tape, and an order's or an account's own")
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
    @Operation(summary = "List trades",
            description = "Trades newest first, of exactly one of: a symbol (the public tape, which names no accounts "
                    + "or orders), one of the caller's orders, or one of the caller's accounts (the counterparty "
                    + "stays unnamed). A page that is not the last names the next in a Link header.")
    @ApiResponse(responseCode = "200", description = "A page of trades", headers = @Header(name = "Link",
            description = "<...>; rel=\"next\": the next page, when there is one",
            schema = @Schema(type = "string")))
    @ProblemType(status = 400, code = "ONE_FILTER_REQUIRED", when = "not exactly one of symbol, orderId, accountId")
    @ProblemType(status = 400, code = "INVALID_LIMIT", when = "limit is not from 1 to 1000")
    @ProblemType(status = 400, code = "INVALID_CURSOR", when = "the cursor is not one this list handed out")
    @ProblemType(status = 404, code = "ORDER_NOT_FOUND", when = "no order has this id, or it is not the caller's")
    @ProblemType(status = 404, code = "ACCOUNT_NOT_FOUND", when = "the account is not open or not the caller's")
    @GetMapping
    ResponseEntity<List<TradeResponse>> trades(
            @Parameter(description = "The instrument's public tape", example = "ACME")
            @RequestParam(required = false) String symbol,
            @Parameter(description = "One of the caller's orders") @RequestParam(required = false) String orderId,
            @Parameter(description = "One of the caller's accounts") @RequestParam(required = false)
            String accountId,
            @Parameter(description = OrderController.LIMIT, example = "100") @RequestParam(required = false)
            Integer limit,
            @Parameter(description = OrderController.CURSOR) @RequestParam(required = false) String cursor) {
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
