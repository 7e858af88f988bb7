package io.bourse.events.portfolio;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator stops an account from settling trades; compensations still work. */
public record FreezeAccount(@TargetAggregateIdentifier String accountId, String reason) {
}
