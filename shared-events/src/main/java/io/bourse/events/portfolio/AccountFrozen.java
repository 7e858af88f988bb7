package io.bourse.events.portfolio;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountFrozen(String accountId, String reason) {
}
