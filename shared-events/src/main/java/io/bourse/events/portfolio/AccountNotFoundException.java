package io.bourse.events.portfolio;

import io.bourse.events.DomainException;

public class AccountNotFoundException extends DomainException {

    public AccountNotFoundException(String message) {
        super(Kind.NOT_FOUND, "ACCOUNT_NOT_FOUND", message);
    }
}
