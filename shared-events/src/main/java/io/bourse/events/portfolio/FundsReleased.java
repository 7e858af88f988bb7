package io.bourse.events.portfolio;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

@Revision("1")
public record FundsReleased(String accountId, String reservationId, String orderId, String asset, BigDecimal amount) {
}
