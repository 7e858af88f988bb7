package io.bourse.order.web;

import io.bourse.events.order.CancelReason;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.RejectReason;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import io.bourse.order.OrderStatus;
import io.bourse.order.query.OrderView;
import java.time.Instant;

public record OrderResponse(String orderId, String clientOrderId, String accountId, String symbol, Side side,
                            OrderType type, TimeInForce timeInForce, long quantity, long filledQuantity,
                            String averageFillPrice, String limitPrice, OrderStatus status, RejectReason rejectReason,
                            CancelReason cancelReason, Instant createdAt, Instant updatedAt) {

    static OrderResponse of(OrderView order) {
        return new OrderResponse(order.orderId(), order.clientOrderId(), order.accountId(), order.symbol(),
                order.side(), order.type(), order.timeInForce(), order.quantity(), order.filledQuantity(),
                Decimals.format(order.averageFillPrice()), Decimals.format(order.limitPrice()), order.status(),
                order.rejectReason(), order.cancelReason(), order.createdAt(), order.updatedAt());
    }
}
