package io.bourse.platform.testapp.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordEntry(@TargetAggregateIdentifier String ledgerId, String entryId, long amount) {
}
