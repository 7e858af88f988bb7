package io.bourse.order.query;

import io.bourse.order.OrderStatus;
import io.bourse.platform.web.PageRequest;

/** A page of an account's orders, newest first; a null status or symbol does not filter. */
public record FindOrders(String accountId, OrderStatus status, String symbol, PageRequest page) {
}
