package io.bourse.events.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SettlementStarted(String tradeId, String symbol, BigDecimal price, long quantity, String buyOrderId,
                                String sellOrderId, String buyerAccountId, String sellerAccountId,
                                Instant startedAt) {
}
