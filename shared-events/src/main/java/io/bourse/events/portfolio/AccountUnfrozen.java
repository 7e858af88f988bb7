package io.bourse.events.portfolio;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountUnfrozen(String accountId) {
}
