package io.bourse.order.query;

import io.bourse.events.order.CancelReason;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.RejectReason;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import io.bourse.order.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;

public record OrderView(String orderId, String clientOrderId, String accountId, String symbol, Side side,
                        OrderType type, TimeInForce timeInForce, long quantity, long filledQuantity,
                        BigDecimal averageFillPrice, BigDecimal limitPrice, OrderStatus status,
                        RejectReason rejectReason, CancelReason cancelReason, Instant createdAt, Instant updatedAt) {
}
