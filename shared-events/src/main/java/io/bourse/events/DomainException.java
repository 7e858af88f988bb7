package io.bourse.events;

/**
 * A rule of the domain refused a request. The kind says what went wrong in terms a client understands;
 * the web layer turns it into a problem response, and the command bus carries it between services intact.
 */
public class DomainException extends RuntimeException {

    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, UNPROCESSABLE }

    private final Kind kind;
    private final String code;

    public DomainException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    /** The value, if it is there; null or a blank string is refused as {@code MISSING_VALUE}. */
    public static <T> T required(T value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new DomainException(Kind.INVALID, "MISSING_VALUE", field + " is required");
        }
        return value;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
