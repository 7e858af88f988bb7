package io.bourse.settlement.trade;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/settlements")
class SettlementController {

    private final QueryGateway queries;

    SettlementController(QueryGateway queries) {
        this.queries = queries;
    }

    /** A trade's settlement; 404 until the trade has reached settlement-service. */
    @GetMapping("/{tradeId}")
    SettlementResponse settlement(@PathVariable String tradeId) {
        return queries.query(new FindSettlement(tradeId), ResponseTypes.optionalInstanceOf(SettlementView.class))
                .join()
                .map(SettlementResponse::of)
                .orElseThrow(() -> new DomainException(Kind.NOT_FOUND, "SETTLEMENT_NOT_FOUND",
                        "no settlement of trade " + tradeId));
    }

    /** Settlements newest first, of one account (as buyer or seller) and in one status when given. */
    @GetMapping
    List<SettlementResponse> settlements(@RequestParam(required = false) String accountId,
                                         @RequestParam(required = false) SettlementStatus status) {
        String account = accountId == null || accountId.isBlank() ? null : accountId;
        return queries.query(new FindSettlements(account, status),
                        ResponseTypes.multipleInstancesOf(SettlementView.class))
                .join().stream().map(SettlementResponse::of).toList();
    }
}
