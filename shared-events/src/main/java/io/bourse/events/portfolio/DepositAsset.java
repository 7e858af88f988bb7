package io.bourse.events.portfolio;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Idempotent by transaction id: a repeat changes nothing. */
public record DepositAsset(@TargetAggregateIdentifier String accountId, String transactionId, String asset, BigDecimal amount) {
}
