package io.bourse.events.portfolio;

import io.bourse.events.order.Side;
import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Settle one side of a trade in one account. BUY: the trade's cash leaves the order's reservation and the units
 * arrive; SELL: the units leave the order's reservation and the cash arrives. Idempotent by leg id (trade id and
 * side): a repeat answers as the first did. The outcome is recorded as {@link TradeLegSettled} or
 * {@link TradeLegRejected}.
 */
public record SettleTradeLeg(@TargetAggregateIdentifier String accountId, String legId, String tradeId, Side side,
                             String reservationId, String symbol, long quantity, BigDecimal price,
                             BigDecimal cashAmount) {

    public static String legId(String tradeId, Side side) {
        return tradeId + ":" + side.name();
    }
}
