package io.bourse.platform.testapp.orphan;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Owned by a service that never runs, so no reply can ever come. */
public record PingNobody(@TargetAggregateIdentifier String id) {
}
