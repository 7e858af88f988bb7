package io.bourse.events.order;

import io.bourse.events.DomainException;

public class OrderNotFoundException extends DomainException {

    public OrderNotFoundException(String message) {
        super(Kind.NOT_FOUND, "ORDER_NOT_FOUND", message);
    }
}
