package io.bourse.settlement.trade;

import io.bourse.events.DomainException.Kind;
import io.bourse.events.DomainException;
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
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Settlements", description = "How each trade settled between its buyer's and seller's accounts")
@RestController
@RequestMapping("/api/v1/settlements")
class SettlementController {

    private final QueryGateway queries;
    private final Access access;

    SettlementController(QueryGateway queries, Access access) {
        this.queries = queries;
        this.access = access;
    }

    /**
     * A trade's settlement, for the buyer's and the seller's owners (each sees only their own account); 404 until
     * the trade has reached settlement-service, and for anyone else.
     */
    @Operation(summary = "Read a trade's settlement",
            description = "PENDING until both legs have settled, then SETTLED, or FAILED with the reason (a frozen "
                    + "account, for one). For the buyer's and the seller's owners; each sees only their own account.")
    @ApiResponse(responseCode = "200", description = "The settlement")
    @ProblemType(status = 404, code = "SETTLEMENT_NOT_FOUND",
            when = "the trade has not reached settlement yet, or is not the caller's")
    @GetMapping("/{tradeId}")
    SettlementResponse settlement(@Parameter(description = "The trade's id, as the trades list names it",
            example = "9e1d7c4b-2a3f-4b5c-8d6e-7f8091a2b3c4") @PathVariable String tradeId) {
        SettlementView settlement = queries.query(new FindSettlement(tradeId),
                        ResponseTypes.optionalInstanceOf(SettlementView.class))
                .join()
                .orElseThrow(() -> notFound(tradeId));
        String buyer = settlement.buyerAccountId();
        String seller = settlement.sellerAccountId();
        boolean buys = access.mayActOn(buyer);
        boolean sells = access.mayActOn(seller);
        if (!buys && !sells) {
            throw notFound(tradeId);
        }
        return SettlementResponse.of(settlement, access.shownAccounts(buys ? buyer : null, sells ? seller : null));
    }

    /**
     * Settlements newest first, of one account (as buyer or seller) and in one status when given. A trader names
     * one of their accounts; only an admin may list every account's. Paged like every list.
     */
    @Operation(summary = "List settlements",
            description = "Settlements newest first, of one of the caller's accounts (as buyer or seller), in one "
                    + "status when given; only an admin may leave out the account. A page that is not the last names"
                    + " the next in a Link header.")
    @ApiResponse(responseCode = "200", description = "A page of settlements", headers = @Header(name = "Link",
            description = "<...>; rel=\"next\": the next page, when there is one",
            schema = @Schema(type = "string")))
    @ProblemType(status = 400, code = "ACCOUNT_ID_REQUIRED", when = "a trader names no accountId")
    @ProblemType(status = 400, code = "INVALID_LIMIT", when = "limit is not from 1 to 1000")
    @ProblemType(status = 400, code = "INVALID_CURSOR", when = "the cursor is not one this list handed out")
    @ProblemType(status = 404, code = "ACCOUNT_NOT_FOUND", when = "the account is not open or not the caller's")
    @GetMapping
    ResponseEntity<List<SettlementResponse>> settlements(
            @Parameter(description = "One of the caller's accounts; required but for an admin",
                    example = "3f2b8c1e-6a4d-4e2f-9b7a-1c5d8e9f0a21") @RequestParam(required = false)
            String accountId,
            @Parameter(description = "Only settlements in this status") @RequestParam(required = false)
            SettlementStatus status,
            @Parameter(description = "Items on the page: 1 to 1000, 100 unless given", example = "100")
            @RequestParam(required = false) Integer limit,
            @Parameter(description = "Where the page starts: the cursor of the previous page's Link rel=\"next\"")
            @RequestParam(required = false) String cursor) {
        String account = accountId == null || accountId.isBlank() ? null : accountId;
        if (account != null) {
            access.requireAccount(account);
        } else if (!Access.caller().isAdmin()) {
            throw new DomainException(Kind.INVALID, "ACCOUNT_ID_REQUIRED", "name the accountId to list settlements of");
        }
        Predicate<String> shown = account == null ? id -> true : access.shownAccounts(account);
        PageRequest page = PageRequest.of(limit, cursor);
        List<SettlementView> rows = queries.query(new FindSettlements(account, status, page),
                ResponseTypes.multipleInstancesOf(SettlementView.class)).join();
        return Page.of(rows, page, settlement -> List.of(settlement.startedAt().toString(),
                        Long.toString(settlement.seq())))
                .map(settlement -> SettlementResponse.of(settlement, shown)).toResponse();
    }

    private static DomainException notFound(String tradeId) {
        return new DomainException(Kind.NOT_FOUND, "SETTLEMENT_NOT_FOUND", "no settlement of trade " + tradeId);
    }
}
