package io.bourse.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A buy and a sell order traded, at the resting order's price. The trade id is unique and deterministic
 * (symbol and the book's trade sequence), so settlement can key everything on it.
 */
@Revision("1")
public record TradeExecuted(String symbol, String tradeId, String buyOrderId, String sellOrderId,
                            String buyerAccountId, String sellerAccountId, BigDecimal price, long quantity,
                            Side aggressorSide, Instant executedAt) {
}
