package io.bourse.events.portfolio;

import io.bourse.events.order.Side;
import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

@Revision("1")
public record TradeLegSettled(String accountId, String legId, String tradeId, Side side, String reservationId,
                              String symbol, long quantity, BigDecimal price, BigDecimal cashAmount) {
}
