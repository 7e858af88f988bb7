package io.bourse.settlement.trade;

import java.math.BigDecimal;
import java.time.Instant;

public record SettlementView(String tradeId, String symbol, BigDecimal price, long quantity, String buyOrderId,
                             String sellOrderId, String buyerAccountId, String sellerAccountId,
                             SettlementStatus status, String failureReason, Instant startedAt, Instant settledAt,
                             Instant failedAt, Instant overdueSince, Instant parkedAt, long seq) {
}
