package io.bourse.platform.testapp.commands;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenLedger(@TargetAggregateIdentifier String ledgerId) {
}
