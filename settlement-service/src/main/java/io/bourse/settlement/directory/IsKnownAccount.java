package io.bourse.settlement.directory;

public record IsKnownAccount(String accountId) {
}
