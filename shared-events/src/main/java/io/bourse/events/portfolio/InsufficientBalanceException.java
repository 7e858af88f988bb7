package io.bourse.events.portfolio;

import io.bourse.events.DomainException;

public class InsufficientBalanceException extends DomainException {

    public InsufficientBalanceException(String message) {
        super(Kind.UNPROCESSABLE, "INSUFFICIENT_BALANCE", message);
    }
}
