package io.bourse.order.book;

import io.bourse.order.OrderStatus;
import java.math.BigDecimal;

/**
 * What the book keeps of an order that ended, for a while: enough to answer a repeated placement with the first
 * outcome ({@code request} is {@link BookOrder#fingerprint()}), and, for an order that ended before it was ever
 * accepted, the hold to give back should it arrive late ({@code unusedHold}; null when there is none to give).
 */
record FinishedOrder(OrderStatus status, long request, String accountId, String reservationId, String asset,
                     BigDecimal unusedHold) {
}
