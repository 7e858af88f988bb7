package io.bourse.platform.operations;

import io.bourse.platform.web.ProblemResponses;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * A refused operator request, shaped as a problem (RFC 9457) like the API's own: {@code type} names the reason, and
 * the detail says what to do about it.
 */
public record OperatorAnswer(String type, String title, int status, String detail) {

    static <T> WebEndpointResponse<T> refused(int status, String code, String title, String detail) {
        @SuppressWarnings("unchecked")
        T body = (T) new OperatorAnswer(ProblemResponses.type(code).toString(), title, status, detail);
        return new WebEndpointResponse<>(body, status);
    }

    static <T> WebEndpointResponse<T> notFound(String what, String name) {
        return refused(404, "NOT_FOUND", what + " not found", "there is no " + what + " named " + name);
    }

    static <T> WebEndpointResponse<T> unknownAction(String action, String allowed) {
        return refused(400, "UNKNOWN_ACTION", "Unknown action",
                "action '" + action + "' is not one of " + allowed);
    }
}
