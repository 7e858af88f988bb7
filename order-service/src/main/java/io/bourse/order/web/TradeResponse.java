package io.bourse.order.web;

import io.bourse.order.query.TradeView;
import java.time.Instant;

public record TradeResponse(String tradeId, String symbol, String price, long quantity, String buyOrderId,
                            String sellOrderId, String buyerAccountId, String sellerAccountId, Instant executedAt) {

    static TradeResponse of(TradeView trade) {
        return new TradeResponse(trade.tradeId(), trade.symbol(), Decimals.format(trade.price()), trade.quantity(),
                trade.buyOrderId(), trade.sellOrderId(), trade.buyerAccountId(), trade.sellerAccountId(),
                trade.executedAt());
    }
}
