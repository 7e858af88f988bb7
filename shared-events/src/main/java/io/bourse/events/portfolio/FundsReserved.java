package io.bourse.events.portfolio;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

@Revision("1")
public record FundsReserved(String accountId, String reservationId, String orderId, String asset, BigDecimal amount) {
}
