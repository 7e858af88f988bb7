package io.bourse.events.portfolio;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AssetDeposited(String accountId, String transactionId, String asset, BigDecimal amount) {
}
