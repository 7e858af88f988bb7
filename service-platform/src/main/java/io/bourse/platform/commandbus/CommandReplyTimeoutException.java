package io.bourse.platform.commandbus;

/**
 * No reply came back for a command sent to another service within the configured time. The command may or may not
 * have been handled; since every cross-service command is idempotent, sending it again is safe.
 */
public class CommandReplyTimeoutException extends RuntimeException {

    public CommandReplyTimeoutException(String message) {
        super(message);
    }
}
