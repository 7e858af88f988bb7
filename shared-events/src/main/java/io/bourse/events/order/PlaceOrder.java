package io.bourse.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An order for the symbol's book. Idempotent by order id: a repeat with the same content answers with the
 * order as it is; the same id with different content is refused.
 */
public record PlaceOrder(@TargetAggregateIdentifier String symbol, String orderId, String accountId, Side side,
                         OrderType type, TimeInForce timeInForce, long quantity, BigDecimal limitPrice,
                         String clientOrderId, Instant placedAt) {
}
