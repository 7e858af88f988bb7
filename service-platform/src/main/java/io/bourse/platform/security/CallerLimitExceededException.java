package io.bourse.platform.security;

import java.time.Duration;

/** A caller sent more requests than its rate allows; it may try again after {@link #retryAfter()}. */
public class CallerLimitExceededException extends RuntimeException {

    private final Duration retryAfter;

    public CallerLimitExceededException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
