package io.bourse.events.order;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/**
 * Part of an order's hold is no longer needed: the order ended and its fills need less than was reserved (an
 * unfilled remainder, or a buy that filled below its limit). order-service releases that amount in the portfolio.
 */
@Revision("1")
public record ReservationReleaseDue(String symbol, String orderId, String accountId, String reservationId,
                                    String asset, BigDecimal amount) {
}
