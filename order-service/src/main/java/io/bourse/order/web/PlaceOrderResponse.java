package io.bourse.order.web;

import io.bourse.order.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "The order as first recorded")
public record PlaceOrderResponse(
        @Schema(example = "0b9f6e0e-3f4a-4d47-9d0e-6d2f1f1c2a11") String orderId,
        @Schema(description = "NEW when placed; CANCELLED once cancelled", example = "NEW") OrderStatus status) {
}
