package io.bourse.order.query;

/** Answered with an {@code Optional<OrderView>}: empty when no such order is known (yet). */
public record FindOrder(String orderId) {
}
