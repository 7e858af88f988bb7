package io.bourse.events.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens the settlement record of a trade (status PENDING), with the holds its legs draw on. Idempotent by trade id. */
public record StartSettlement(@TargetAggregateIdentifier String tradeId, String symbol, BigDecimal price,
                              long quantity, String buyOrderId, String sellOrderId, String buyerAccountId,
                              String sellerAccountId, String buyReservationId, String sellReservationId,
                              Instant startedAt) {
}
