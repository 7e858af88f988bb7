package io.bourse.order.query;

import java.math.BigDecimal;
import java.time.Instant;

public record TradeView(String tradeId, String symbol, BigDecimal price, long quantity, String buyOrderId,
                        String sellOrderId, String buyerAccountId, String sellerAccountId, Instant executedAt) {
}
