package io.bourse.events.portfolio;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountOpened(String accountId, String owner) {
}
