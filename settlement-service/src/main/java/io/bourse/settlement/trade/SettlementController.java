package io.bourse.settlement.trade;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.platform.security.Access;
import io.bourse.platform.web.Page;
import io.bourse.platform.web.PageRequest;
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
    @GetMapping("/{tradeId}")
    SettlementResponse settlement(@PathVariable String tradeId) {
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
    @GetMapping
    ResponseEntity<List<SettlementResponse>> settlements(@RequestParam(required = false) String accountId,
                                                         @RequestParam(required = false) SettlementStatus status,
                                                         @RequestParam(required = false) Integer limit,
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
