package io.bourse.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A buy and a sell order traded, at the resting order's price. The trade id is unique and deterministic
 * (symbol and the book's trade sequence), so settlement can key everything on it. Each side names the hold its
 * order was accepted with, which its settlement leg draws on. Revision 1 had no reservation ids: each hold was then
 * named by its order id, which is what an upcaster fills in.
 */
@Revision("2")
public record TradeExecuted(String symbol, String tradeId, String buyOrderId, String sellOrderId,
                            String buyerAccountId, String sellerAccountId, String buyReservationId,
                            String sellReservationId, BigDecimal price, long quantity, Side aggressorSide,
                            Instant executedAt) {
}
