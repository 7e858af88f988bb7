package io.bourse.platform.testapp.commands;

import io.bourse.events.DomainException;

public class LedgerLimitException extends DomainException {

    public LedgerLimitException(String message) {
        super(Kind.UNPROCESSABLE, "LEDGER_LIMIT", message);
    }
}
