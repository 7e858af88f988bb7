package io.bourse.events.portfolio;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UnfreezeAccount(@TargetAggregateIdentifier String accountId) {
}
