package io.bourse.platform.testapp.commands;

public record LedgerOpened(String ledgerId) {
}
