package io.bourse.events;

/**
 * A rule of the domain refused a request. The kind says what went wrong in terms a client understands;
 * the web layer turns it into a problem response, and the command bus carries it between services intact.
 */
public class DomainException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT, UNPROCESSABLE }

    private final Kind kind;
    private final String code;

    public DomainException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
