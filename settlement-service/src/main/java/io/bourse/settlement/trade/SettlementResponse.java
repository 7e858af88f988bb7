package io.bourse.settlement.trade;

import io.bourse.events.Assets;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A settlement as clients read it: the price as a decimal string, at least to the cent. {@code overdueSince} is set
 * once its legs missed the deadline, {@code parkedAt} once it waits for an operator; both stay null normally.
 */
public record SettlementResponse(@Schema(example = "9e1d7c4b-2a3f-4b5c-8d6e-7f8091a2b3c4") String tradeId,
                                 @Schema(example = "ACME") String symbol, @Schema(example = "101.25") String price,
                                 @Schema(example = "4") long quantity,
                                 @Schema(description = "Shown to the buyer only") String buyerAccountId,
                                 @Schema(description = "Shown to the seller only") String sellerAccountId,
                                 @Schema(example = "SETTLED") SettlementStatus status,
                                 @Schema(description = "Why a FAILED settlement failed") String failureReason,
                                 @Schema(example = "2026-12-01T09:30:00.250Z") Instant settledAt,
                                 @Schema(description = "Set once its legs missed the deadline") Instant overdueSince,
                                 @Schema(description = "Set once it waits for an operator") Instant parkedAt) {

    /** Shows the accounts {@code shownAccounts} lets the caller see; the counterparty's stays null. */
    static SettlementResponse of(SettlementView settlement, Predicate<String> shownAccounts) {
        String buyer = shownAccounts.test(settlement.buyerAccountId()) ? settlement.buyerAccountId() : null;
        String seller = shownAccounts.test(settlement.sellerAccountId()) ? settlement.sellerAccountId() : null;
        return new SettlementResponse(settlement.tradeId(), settlement.symbol(), Assets.decimalString(settlement.price()),
                settlement.quantity(), buyer, seller,
                settlement.status(), settlement.failureReason(), settlement.settledAt(), settlement.overdueSince(),
                settlement.parkedAt());
    }
}
