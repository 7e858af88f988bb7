package io.bourse.order.book;

import io.bourse.order.OrderStatus;

/** What {@code PlaceOrder} answers: the order and its status right after the book decided on it. */
public record PlacementResult(String orderId, OrderStatus status) {
}
