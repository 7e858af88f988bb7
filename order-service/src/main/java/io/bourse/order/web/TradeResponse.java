package io.bourse.order.web;

import io.bourse.order.query.TradeView;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * A trade as one caller may see it: the account and order of a side are shown only when the side is the caller's
 * (an admin sees both); the public tape shows neither side.
 */
public record TradeResponse(String tradeId, String symbol, String price, long quantity, String buyOrderId,
                            String sellOrderId, String buyerAccountId, String sellerAccountId, Instant executedAt) {

    static TradeResponse of(TradeView trade, Predicate<String> shownAccounts) {
        boolean buyer = shownAccounts.test(trade.buyerAccountId());
        boolean seller = shownAccounts.test(trade.sellerAccountId());
        return new TradeResponse(trade.tradeId(), trade.symbol(), Decimals.format(trade.price()), trade.quantity(),
                buyer ? trade.buyOrderId() : null, seller ? trade.sellOrderId() : null,
                buyer ? trade.buyerAccountId() : null, seller ? trade.sellerAccountId() : null, trade.executedAt());
    }
}
