package io.bourse.events.portfolio;

import io.bourse.events.order.Side;
import org.axonframework.serialization.Revision;

/** A leg could not settle; nothing moved. */
@Revision("1")
public record TradeLegRejected(String accountId, String legId, String tradeId, Side side, String reason) {

    public static final String ACCOUNT_FROZEN = "ACCOUNT_FROZEN";
    public static final String RESERVATION_SHORT = "RESERVATION_SHORT";
    public static final String LEG_REVERSED = "LEG_REVERSED";
}
