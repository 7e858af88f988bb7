package io.bourse.platform.security;

import java.io.IOException;

/**
 * A request body over the limit. An {@link IOException}, so that when it is thrown while the body is read it reaches
 * the web layer as the reason the body could not be read.
 */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
    }
}
