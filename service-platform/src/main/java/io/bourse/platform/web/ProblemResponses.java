package io.bourse.platform.web;

import io.bourse.events.DomainException;
import io.bourse.platform.commandbus.Causes;
import io.bourse.platform.commandbus.CommandBusOverloadedException;
import io.bourse.platform.security.CallerLimitExceededException;
import io.bourse.platform.security.RequestBodyTooLargeException;
import io.bourse.platform.streams.TooManyStreamsException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of every service as RFC 9457 problem details: {@code type}, {@code title}, {@code status},
 * {@code detail}, plus {@code errors: [{field, message}]} for invalid input. The type is
 * {@code urn:bourse:problem:} and the error's code in kebab case ({@code INVALID_LIMIT} is
 * {@code urn:bourse:problem:invalid-limit}), the same for Spring's own refusals (wrong method, media type, parameter),
 * for the security chain's and for the container's. A detail speaks of the request as the client wrote it, never of
 * the classes that read it.
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
    @ExceptionHandler(TooManyStreamsException.class)
    ResponseEntity<Object> tooManyStreams(TooManyStreamsException e) {
        return withRetryAfter(problem(HttpStatus.SERVICE_UNAVAILABLE, "TOO_MANY_STREAMS", e.getMessage(), null),
                RETRY_AFTER_SECONDS);
    }

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

    /**
     * The firewall of the security chain refuses a URL that could name another resource than it seems to: an encoded
     * slash or backslash, a dot segment, a semicolon, a character that is not printable. Its message names what it
     * found, in words.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e) {
        String found = e.getMessage() == null ? "" : ": " + e.getMessage().replaceFirst("^The request was rejected"
                + " because ", "");
        return problem(HttpStatus.BAD_REQUEST, "REQUEST_REJECTED", "the request is refused" + found, null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        String allowed = e.getSupportedHttpMethods() == null || e.getSupportedHttpMethods().isEmpty() ? ""
                : "; it takes " + e.getSupportedHttpMethods().stream().map(Object::toString)
                .collect(Collectors.joining(", "));
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                e.getMethod() + " is not a method of " + path(request) + allowed, null, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String sent = e.getContentType() == null ? "a body without a Content-Type" : e.getContentType().toString();
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                "the body must be " + mediaTypes(e.getSupportedMediaTypes()) + ", not " + sent, null, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
                                                                      HttpHeaders headers, HttpStatusCode status,
                                                                      WebRequest request) {
        String asked = request.getHeader(HttpHeaders.ACCEPT);
        return problem(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "this answers in "
                + mediaTypes(e.getSupportedMediaTypes()) + " (problems in " + MediaType.APPLICATION_PROBLEM_JSON
                + "), which the Accept header " + (asked == null ? "" : "'" + asked + "' ") + "does not take",
                null, headers);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "MISSING_PARAMETER",
                "the query parameter " + e.getParameterName() + " is required",
                oneError(e.getParameterName(), "is required"), headers);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException e,
                                                                          HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            return problem(HttpStatus.BAD_REQUEST, "MISSING_HEADER",
                    "the header " + missing.getHeaderName() + " is required",
                    oneError(missing.getHeaderName(), "is required"), headers);
        }
        return problem(HttpStatus.BAD_REQUEST, "MISSING_PARAMETER", "a required part of the request is missing",
                null, headers);
    }

    /** A query parameter or path segment that does not read as its type, such as {@code limit=ten}. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException
                mismatch ? mismatch.getName() : String.valueOf(e.getPropertyName());
        String message = expected(e.getRequiredType());
        return problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER",
                name + " " + message + ", not '" + e.getValue() + "'", oneError(name, message), headers);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return nothingAt(path(request), headers);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException e, HttpHeaders headers,
                                                                   HttpStatusCode status, WebRequest request) {
        return nothingAt(e.getRequestURL(), headers);
    }

    static ResponseEntity<Object> nothingAt(String path, HttpHeaders headers) {
        return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "nothing is at " + path, null, headers);
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "this path";
    }

    private static String mediaTypes(List<MediaType> types) {
        List<String> named = types == null ? List.of() : types.stream()
                .filter(type -> !type.isWildcardType() && !type.isWildcardSubtype()).map(MediaType::toString)
                .distinct().toList();
        return named.isEmpty() ? MediaType.APPLICATION_JSON_VALUE : String.join(" or ", named);
    }

    /** Spring's own answers for malformed requests (wrong parameter types, unsupported media) get a type too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || URI.create("about:blank").equals(problem.getType()))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            problem.setType(type(status == null ? "ERROR" : status.name()));
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

    /**
     * What is wrong with a body that is not JSON, in the parser's words without its location; any other failure is
     * told in general terms, as its message names Java types and methods.
     */
    private static String readableCause(HttpMessageNotReadableException e) {
        StreamReadException syntax = Causes.find(e, StreamReadException.class);
        if (syntax != null && syntax.getOriginalMessage() != null) {
            String message = Stream.of(syntax.getOriginalMessage().split("\n")).findFirst().orElse("").trim();
            return "the body is not valid JSON: " + message.replaceAll("\\s*\\[Source:.*$", "");
        }
        if (Causes.find(e, JacksonException.class) != null) {
            return "the body cannot be read as this request";
        }
        return e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "the request needs a JSON body" : "the request body cannot be read";
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(),
                "message", error.getDefaultMessage() == null ? "is not valid" : error.getDefaultMessage());
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** The problem type of an error code, as every answer and the API documents name it. */
    public static URI type(String code) {
        return URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    static ResponseEntity<Object> problem(HttpStatus status, String code, String detail,
                                          List<Map<String, String>> errors) {
        return problem(status, code, detail, errors, HttpHeaders.EMPTY);
    }

    static ResponseEntity<Object> problem(HttpStatus status, String code, String detail,
                                          List<Map<String, String>> errors, HttpHeaders headers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(code));
        problem.setTitle(status.getReasonPhrase());
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static List<Map<String, String>> oneError(String field, String message) {
        return List.of(Map.of("field", field, "message", message));
    }
}
