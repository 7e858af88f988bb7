package io.bourse.platform.commandbus;

/** A command failed in another service with an exception this service cannot rebuild; its type and message stay. */
public class RemoteCommandException extends RuntimeException {

    private final String remoteType;

    public RemoteCommandException(String remoteType, String message) {
        super(remoteType + ": " + message);
        this.remoteType = remoteType;
    }

    public String remoteType() {
        return remoteType;
    }
}
