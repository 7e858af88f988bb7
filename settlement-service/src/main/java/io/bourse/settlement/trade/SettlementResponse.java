package io.bourse.settlement.trade;

import io.bourse.events.Assets;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A settlement as clients read it: the price as a decimal string, at least to the cent. {@code overdueSince} is set
 * once its legs missed the deadline, {@code parkedAt} once it waits for an operator; both stay null normally.
 */
public record SettlementResponse(String tradeId, String symbol, String price, long quantity, String buyerAccountId,
                                 String sellerAccountId, SettlementStatus status, String failureReason,
                                 Instant settledAt, Instant overdueSince, Instant parkedAt) {

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
