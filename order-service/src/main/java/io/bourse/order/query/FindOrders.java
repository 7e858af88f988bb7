package io.bourse.order.query;

import io.bourse.order.OrderStatus;

/** An account's orders, newest first; a null status or symbol does not filter. */
public record FindOrders(String accountId, OrderStatus status, String symbol) {
}
