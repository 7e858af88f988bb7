package io.bourse.platform.commandbus;

/** The service has more commands waiting than it takes on: the caller should come back a little later. */
public class CommandBusOverloadedException extends RuntimeException {

    public CommandBusOverloadedException(String message) {
        super(message);
    }
}
