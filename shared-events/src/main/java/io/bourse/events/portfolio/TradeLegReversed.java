package io.bourse.events.portfolio;

import io.bourse.events.order.Side;
import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/**
 * A leg is undone. {@code undone} is false when it had never settled: nothing moved, and it can no longer settle.
 */
@Revision("1")
public record TradeLegReversed(String accountId, String legId, String tradeId, Side side, String symbol,
                               long quantity, BigDecimal price, BigDecimal cashAmount, boolean undone) {
}
