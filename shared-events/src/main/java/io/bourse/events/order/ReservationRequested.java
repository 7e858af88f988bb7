package io.bourse.events.order;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/**
 * A placed order needs a hold before it may enter the book: cash (quantity times the limit price) for a buy,
 * units for a sell. The book decides the amount; the placement saga asks the account's portfolio for it.
 */
@Revision("1")
public record ReservationRequested(String symbol, String orderId, String accountId, String reservationId,
                                   String asset, BigDecimal amount) {
}
