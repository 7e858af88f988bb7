package io.bourse.platform.web;

import io.bourse.events.DomainException;
import io.bourse.platform.commandbus.Causes;
import io.bourse.platform.commandbus.CommandBusOverloadedException;
import io.bourse.platform.security.CallerLimitExceededException;
import io.bourse.platform.security.RequestBodyTooLargeException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of every service as RFC 9457 problem details: {@code type}, {@code title}, {@code status},
 * {@code detail}, plus {@code errors: [{field, message}]} for invalid input.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    static final String TYPE_PREFIX = "urn:bourse:problem:";
    static final long RETRY_AFTER_SECONDS = 1;

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        return problem(status, e.code(), e.getMessage(), null);
    }

    /**
     * More is asked of the service than it takes on: answered at once, so the client backs off for a moment rather
     * than waiting on a queue that only grows.
     */
    @ExceptionHandler(CommandBusOverloadedException.class)
    ResponseEntity<Object> overloaded(CommandBusOverloadedException e) {
        return withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, "OVERLOADED",
                "the service is busy, try again shortly: " + e.getMessage(), null), RETRY_AFTER_SECONDS);
    }

    private static ResponseEntity<Object> withRetryAfter(ResponseEntity<Object> problem, long seconds) {
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(problem.getBody());
    }

    /** No token, or one that is not valid; the {@code WWW-Authenticate} header is already set. */
    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException e) {
        String detail = e instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null
                ? "the bearer token is not valid: " + oauth.getError().getDescription()
                : "a bearer token from the issuer is required";
        return problem(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", detail, null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "FORBIDDEN", "the token does not allow this request", null);
    }

    @ExceptionHandler(CallerLimitExceededException.class)
    ResponseEntity<Object> tooManyRequests(CallerLimitExceededException e) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return withRetryAfter(problem(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS",
                "too many requests: " + e.getMessage() + "; try again in " + seconds + " s", null), seconds);
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<Object> tooLarge(RequestBodyTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "CONTENT_TOO_LARGE", e.getMessage(), null);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "no such resource: " + e.getAggregateIdentifier(), null);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "the request is not valid", errors);
    }

    /** Command and query failures arrive wrapped; answer for the cause. */
    @ExceptionHandler({CommandExecutionException.class, CompletionException.class, ExecutionException.class})
    ResponseEntity<Object> wrapped(Exception e) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof DomainException domain) {
            return domain(domain);
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return notFound(notFound);
        }
        if (cause instanceof CommandBusOverloadedException overloaded) {
            return overloaded(overloaded);
        }
        throw e;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemResponses::fieldError).toList();
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "the request is not valid", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "the request is not valid", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        RequestBodyTooLargeException tooLarge = Causes.find(e, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge);
        }
        MismatchedInputException mismatch = Causes.find(e, MismatchedInputException.class);
        if (mismatch != null) {
            String field = fieldOf(mismatch);
            String message = mismatch instanceof UnrecognizedPropertyException ? "is not a field of this request"
                    : expected(mismatch.getTargetType());
            return problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", field + " " + message,
                    List.of(Map.of("field", field, "message", message)));
        }
        return problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", readableCause(e), null);
    }

    /** Spring's own answers for malformed requests (wrong parameter types, unsupported media) get a type too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || URI.create("about:blank").equals(problem.getType()))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            String code = status == null ? "ERROR" : status.name();
            problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        }
        return super.handleExceptionInternal(e, body, headers, statusCode, request);
    }

    /** The field as the client wrote it ({@code legs[0].price}), never the Java type that failed to read it. */
    private static String fieldOf(MismatchedInputException e) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "the body" : field.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has a value of the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        return type.isRecord() || type.getPackageName().startsWith("io.bourse") ? "must be an object"
                : "has a value of the wrong type";
    }

    private static String readableCause(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        String message = cause.getMessage() == null ? "the request body cannot be read" : cause.getMessage();
        // Jackson appends the source location and reference chain; the first line says what is wrong.
        int lineEnd = message.indexOf('\n');
        return lineEnd > 0 ? message.substring(0, lineEnd).trim() : message;
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(),
                "message", error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    static ResponseEntity<Object> problem(HttpStatus status, String code, String detail,
                                          List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
