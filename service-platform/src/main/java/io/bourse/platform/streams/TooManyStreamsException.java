package io.bourse.platform.streams;

/** The service already serves as many streams as it is configured for; answered 503 with Retry-After. */
public class TooManyStreamsException extends RuntimeException {

    public TooManyStreamsException(int limit) {
        super("this service already serves its " + limit + " streams");
    }
}
