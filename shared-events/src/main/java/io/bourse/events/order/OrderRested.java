package io.bourse.events.order;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/** What is left of an accepted limit order after matching waits on the book at its price, behind earlier orders. */
@Revision("1")
public record OrderRested(String symbol, String orderId, String accountId, Side side, BigDecimal price,
                          long quantity) {
}
