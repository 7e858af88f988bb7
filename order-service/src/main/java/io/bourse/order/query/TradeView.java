package io.bourse.order.query;

import java.math.BigDecimal;
import java.time.Instant;

/** A trade as the read model keeps it; {@code bookSequence} orders the trades of one execution time in a symbol. */
public record TradeView(String tradeId, String symbol, BigDecimal price, long quantity, String buyOrderId,
                        String sellOrderId, String buyerAccountId, String sellerAccountId, Instant executedAt,
                        long bookSequence) {
}
