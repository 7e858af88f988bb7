package io.bourse.events.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A trade's settlement record is open. It names the holds the legs draw on; revision 1 had none, each hold then being
 * named by its order id, which is what an upcaster fills in.
 */
@Revision("2")
public record SettlementStarted(String tradeId, String symbol, BigDecimal price, long quantity, String buyOrderId,
                                String sellOrderId, String buyerAccountId, String sellerAccountId,
                                String buyReservationId, String sellReservationId, Instant startedAt) {
}
