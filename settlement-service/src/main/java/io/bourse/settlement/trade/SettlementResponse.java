package io.bourse.settlement.trade;

import io.bourse.events.Assets;
import java.time.Instant;

/**
 * A settlement as clients read it: the price as a decimal string, at least to the cent. {@code overdueSince} is set
 * once its legs missed the deadline, {@code parkedAt} once it waits for an operator; both stay null normally.
 */
public record SettlementResponse(String tradeId, String symbol, String price, long quantity, String buyerAccountId,
                                 String sellerAccountId, SettlementStatus status, String failureReason,
                                 Instant settledAt, Instant overdueSince, Instant parkedAt) {

    static SettlementResponse of(SettlementView settlement) {
        return new SettlementResponse(settlement.tradeId(), settlement.symbol(), Assets.decimalString(settlement.price()),
                settlement.quantity(), settlement.buyerAccountId(), settlement.sellerAccountId(),
                settlement.status(), settlement.failureReason(), settlement.settledAt(), settlement.overdueSince(),
                settlement.parkedAt());
    }
}
