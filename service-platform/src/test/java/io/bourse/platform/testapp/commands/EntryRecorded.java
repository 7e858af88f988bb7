package io.bourse.platform.testapp.commands;

public record EntryRecorded(String ledgerId, String entryId, long amount, long balance) {
}
