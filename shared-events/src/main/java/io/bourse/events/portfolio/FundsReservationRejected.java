package io.bourse.events.portfolio;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

@Revision("1")
public record FundsReservationRejected(String accountId, String reservationId, String orderId, String asset,
                                       BigDecimal amount, String reason) {

    public static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
    public static final String UNKNOWN_ACCOUNT = "UNKNOWN_ACCOUNT";
}
