package io.bourse.events.portfolio;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenAccount(@TargetAggregateIdentifier String accountId, String owner) {
}
