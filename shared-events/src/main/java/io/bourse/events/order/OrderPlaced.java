package io.bourse.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The order is received (status NEW); its funds are not reserved yet. */
@Revision("1")
public record OrderPlaced(String symbol, String orderId, String accountId, Side side, OrderType type,
                          TimeInForce timeInForce, long quantity, BigDecimal limitPrice, String clientOrderId,
                          Instant placedAt) {
}
