package io.bourse.order.web;

import io.bourse.events.order.CancelReason;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.RejectReason;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import io.bourse.order.OrderStatus;
import io.bourse.order.query.OrderView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(description = "An order as it stands")
public record OrderResponse(@Schema(example = "0b9f6e0e-3f4a-4d47-9d0e-6d2f1f1c2a11") String orderId,
                            @Schema(example = "my-order-42") String clientOrderId,
                            @Schema(example = "3f2b8c1e-6a4d-4e2f-9b7a-1c5d8e9f0a21") String accountId,
                            @Schema(example = "ACME") String symbol, @Schema(example = "BUY") Side side,
                            @Schema(example = "LIMIT") OrderType type,
                            @Schema(example = "GTC") TimeInForce timeInForce,
                            @Schema(example = "10") long quantity, @Schema(example = "4") long filledQuantity,
                            @Schema(description = "Null until something fills", example = "101.25")
                            String averageFillPrice,
                            @Schema(example = "101.25") String limitPrice,
                            @Schema(example = "PARTIALLY_FILLED") OrderStatus status,
                            @Schema(description = "Why a REJECTED order was refused") RejectReason rejectReason,
                            @Schema(description = "Why a CANCELLED order ended") CancelReason cancelReason,
                            @Schema(example = "2026-12-01T09:30:00.000001Z") Instant createdAt,
                            @Schema(example = "2026-12-01T09:30:00.000120Z") Instant updatedAt) {

    static OrderResponse of(OrderView order) {
        return new OrderResponse(order.orderId(), order.clientOrderId(), order.accountId(), order.symbol(),
                order.side(), order.type(), order.timeInForce(), order.quantity(), order.filledQuantity(),
                Decimals.format(order.averageFillPrice()), Decimals.format(order.limitPrice()), order.status(),
                order.rejectReason(), order.cancelReason(), order.createdAt(), order.updatedAt());
    }
}
