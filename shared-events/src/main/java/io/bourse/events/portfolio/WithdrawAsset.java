package io.bourse.events.portfolio;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Idempotent by transaction id; refused with {@link InsufficientBalanceException} beyond the available amount. */
public record WithdrawAsset(@TargetAggregateIdentifier String accountId, String transactionId, String asset, BigDecimal amount) {
}
