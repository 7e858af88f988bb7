package io.bourse.order.web;

import io.bourse.order.OrderStatus;

public record PlaceOrderResponse(String orderId, OrderStatus status) {
}
