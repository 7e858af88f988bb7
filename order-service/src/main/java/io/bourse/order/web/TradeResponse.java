package io.bourse.order.web;

import io.bourse.order.query.TradeView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A trade as one caller may see it: the account and order of a side are shown only when the side is the caller's
 * (an admin sees both); the public tape shows neither side.
 */
public record TradeResponse(@Schema(example = "9e1d7c4b-2a3f-4b5c-8d6e-7f8091a2b3c4") String tradeId,
                            @Schema(example = "ACME") String symbol, @Schema(example = "101.25") String price,
                            @Schema(example = "4") long quantity,
                            @Schema(description = "Shown to the buyer only") String buyOrderId,
                            @Schema(description = "Shown to the seller only") String sellOrderId,
                            @Schema(description = "Shown to the buyer only") String buyerAccountId,
                            @Schema(description = "Shown to the seller only") String sellerAccountId,
                            @Schema(example = "2026-12-01T09:30:00.000120Z") Instant executedAt) {

    static TradeResponse of(TradeView trade, Predicate<String> shownAccounts) {
        boolean buyer = shownAccounts.test(trade.buyerAccountId());
        boolean seller = shownAccounts.test(trade.sellerAccountId());
        return new TradeResponse(trade.tradeId(), trade.symbol(), Decimals.format(trade.price()), trade.quantity(),
                buyer ? trade.buyOrderId() : null, seller ? trade.sellOrderId() : null,
                buyer ? trade.buyerAccountId() : null, seller ? trade.sellerAccountId() : null, trade.executedAt());
    }
}
