package io.bourse.platform.commandbus;

/**
 * Finds why a command failed: a failure reaches its sender wrapped (in Axon's execution exceptions, a
 * {@link RemoteCommandException}, a completion exception), so the reason is somewhere along the causes.
 */
public final class Causes {

    private Causes() {
    }

    /** The first of {@code failure} and its causes that is a {@code type}; null if none is. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
