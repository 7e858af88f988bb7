package io.bourse.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;

/**
 * The API documents say what {@link ProblemResponses} answers: every problem response as
 * {@code application/problem+json} with the {@value #PROBLEM} schema and, per status, the problem types the operation
 * can answer with, each with an example. What every API operation may meet (no token, no right, a rate or body limit,
 * a URL the firewall refuses, an Accept header it cannot serve, a service too busy to take a write) is added here
 * once; what follows from an operation's signature (a body, required or typed parameters, validated values) is read
 * from it (a stream's 503 when the service serves as many as it may, too); what only the operation knows is declared
 * on it with {@link ProblemType}.
 */
public final class ApiDocumentation {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String API_PATHS = "/api/";
    private static final String TYPES_HEADING = " Problem types:";

    private ApiDocumentation() {
    }

    /** The problems an operation's own declaration and its signature name. */
    public static OperationCustomizer operationProblems() {
        return (operation, handler) -> {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                signatureProblems(operation, parameter);
            }
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                    RequestMapping.class);
            if (mapping != null && Arrays.asList(mapping.produces()).contains(
                    org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE)) {
                addProblem(operation, HttpStatus.SERVICE_UNAVAILABLE, "TOO_MANY_STREAMS",
                        "the service serves as many streams as it may");
            }
            for (ProblemType problem : AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
                    ProblemType.class)) {
                addProblem(operation, HttpStatus.valueOf(problem.status()), problem.code(), problem.when());
            }
            return operation;
        };
    }

    private static void signatureProblems(Operation operation, MethodParameter parameter) {
        RequestBody body = parameter.getParameterAnnotation(RequestBody.class);
        if (body != null) {
            addProblem(operation, HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                    "the body is not JSON, has a field this request does not know or one given twice, or a value of"
                            + " the wrong type");
            if (parameter.hasParameterAnnotation(Valid.class) || parameter.hasParameterAnnotation(Validated.class)) {
                addProblem(operation, HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                        "a field of the body breaks its rule; errors names each");
            }
            addProblem(operation, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "the body is not sent as application/json");
        }
        RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
        if (query != null) {
            String name = parameter.getParameterName();
            if (query.required() && ValueConstants.DEFAULT_NONE.equals(query.defaultValue())
                    && parameter.getParameterType() != Optional.class) {
                addProblem(operation, HttpStatus.BAD_REQUEST, "MISSING_PARAMETER",
                        "the query parameter " + name + " is not given");
            }
            if (parameter.getParameterType() != String.class) {
                addProblem(operation, HttpStatus.BAD_REQUEST, "INVALID_PARAMETER",
                        "a query parameter does not read as its type, such as " + name + "=abc");
            }
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && parameter.getParameterType() != String.class) {
            addProblem(operation, HttpStatus.BAD_REQUEST, "INVALID_PARAMETER",
                    "a path segment does not read as its type");
        }
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && header.required() && ValueConstants.DEFAULT_NONE.equals(header.defaultValue())) {
            addProblem(operation, HttpStatus.BAD_REQUEST, "MISSING_HEADER",
                    "the header " + header.name() + " is not sent");
        }
        if (query != null || path != null || header != null) {
            for (Annotation annotation : parameter.getParameterAnnotations()) {
                if (annotation.annotationType().isAnnotationPresent(Constraint.class)) {
                    addProblem(operation, HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                            "a parameter is out of its range; errors names it");
                    break;
                }
            }
        }
    }

    /**
     * The document's own description, the {@value #PROBLEM} schema, and the problems every API operation may answer
     * with.
     */
    public static OpenApiCustomizer commonProblems(ApiDocsProperties properties, String applicationName,
                                                   String version) {
        return api -> {
            api.setInfo(info(properties, applicationName, version));
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSchemas(FIELD_ERROR, fieldErrorSchema());
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> {
                if (path.startsWith(API_PATHS)) {
                    item.readOperationsMap().forEach(ApiDocumentation::commonProblems);
                }
            });
        };
    }

    private static void commonProblems(PathItem.HttpMethod method, Operation operation) {
        addProblem(operation, HttpStatus.BAD_REQUEST, "REQUEST_REJECTED",
                "the URL holds an encoded slash or backslash, a dot segment, a semicolon or a character that is not"
                        + " printable");
        addProblem(operation, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                "no bearer token is sent, or it is expired, not for this API or not signed by the issuer");
        operation.getResponses().get("401").addHeaderObject(HttpHeaders.WWW_AUTHENTICATE, new Header()
                .description("Bearer, with error=\"invalid_token\" when a token was sent")
                .schema(schema("string")));
        addProblem(operation, HttpStatus.FORBIDDEN, "FORBIDDEN", "the token does not carry the role this needs");
        addProblem(operation, HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE",
                "the Accept header takes neither application/json nor application/problem+json");
        addProblem(operation, HttpStatus.CONTENT_TOO_LARGE, "CONTENT_TOO_LARGE",
                "the body is larger than the service takes (16 KiB unless configured)");
        addProblem(operation, HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS",
                "the caller sent more " + (method == PathItem.HttpMethod.GET ? "reads" : "writes")
                        + " a second than allowed; try again after Retry-After");
        operation.getResponses().get("429").addHeaderObject(HttpHeaders.RETRY_AFTER, retryAfter());
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
            addProblem(operation, HttpStatus.SERVICE_UNAVAILABLE, "OVERLOADED",
                    "the service takes no more writes for a moment; try again after Retry-After");
            operation.getResponses().get("503").addHeaderObject(HttpHeaders.RETRY_AFTER, retryAfter());
        }
    }

    /**
     * Adds {@code code} to the problems the operation answers with {@code status}: the response is
     * {@code application/problem+json} with the {@value #PROBLEM} schema, one example per type, and a description
     * that lists the types.
     */
    public static void addProblem(Operation operation, HttpStatus status, String code, String when) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        String key = Integer.toString(status.value());
        ApiResponse response = operation.getResponses().computeIfAbsent(key, ignored -> new ApiResponse());
        if (response.getContent() == null) {
            response.setContent(new Content());
        }
        MediaType problemJson = response.getContent().computeIfAbsent(PROBLEM_JSON, ignored -> new MediaType());
        problemJson.setSchema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        String type = ProblemResponses.type(code).toString();
        String name = type.substring(ProblemResponses.TYPE_PREFIX.length());
        if (problemJson.getExamples() != null && problemJson.getExamples().containsKey(name)) {
            return;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", type);
        value.put("title", status.getReasonPhrase());
        value.put("status", status.value());
        value.put("detail", when);
        if (code.equals("INVALID_REQUEST")) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("field", "quantity");
            error.put("message", "must be greater than 0");
            value.put("errors", List.of(error));
        }
        problemJson.addExamples(name, new Example().summary(when).value(value));
        response.setDescription(describe(status, problemJson.getExamples()));
    }

    private static String describe(HttpStatus status, Map<String, Example> examples) {
        return status.getReasonPhrase() + "." + TYPES_HEADING + "\n" + examples.values().stream()
                .map(example -> "- `" + ((Map<?, ?>) example.getValue()).get("type") + "`: " + example.getSummary())
                .collect(Collectors.joining("\n"));
    }

    private static Info info(ApiDocsProperties properties, String applicationName, String version) {
        String title = properties.getTitle() != null ? properties.getTitle() : applicationName;
        String description = (properties.getDescription() == null ? "" : properties.getDescription().trim() + "\n\n")
                + "Every call carries `Authorization: Bearer <JWT>` from the configured issuer. Every error is an"
                + " RFC 9457 problem (`application/problem+json`) whose `type` is `urn:bourse:problem:` and a code:"
                + " each operation lists the types it answers with. A path the service does not serve is 404 `"
                + ProblemResponses.type("NOT_FOUND") + "`; a method a path does not take is 405 `"
                + ProblemResponses.type("METHOD_NOT_ALLOWED") + "` with `Allow`.";
        Info info = new Info().title(title).version(version).description(description);
        if (properties.getLicenseName() != null) {
            info.license(new License().name(properties.getLicenseName()).url(properties.getLicenseUrl()));
        }
        return info;
    }

    private static Header retryAfter() {
        return new Header().description("Seconds to wait before sending the request again")
                .schema(schema("integer"));
    }

    private static Schema<Object> problemSchema() {
        Schema<Object> problem = schema("object");
        problem.description("An error, as RFC 9457 problem details")
                .addProperty("type", schema("string").format("uri")
                        .description("What went wrong: urn:bourse:problem: and a code")
                        .example(ProblemResponses.type("INVALID_REQUEST").toString()))
                .addProperty("title", schema("string").description("The status's reason phrase")
                        .example("Bad Request"))
                .addProperty("status", schema("integer").format("int32").description("The HTTP status")
                        .example(400))
                .addProperty("detail", schema("string").description("What went wrong with this request")
                        .example("the request is not valid"))
                .addProperty("instance", schema("string").format("uri-reference"))
                .addProperty("errors", schema("array").items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR))
                        .description("For invalid input: each field or parameter and what is wrong with it"));
        problem.setRequired(List.of("type", "title", "status", "detail"));
        return problem;
    }

    private static Schema<Object> fieldErrorSchema() {
        Schema<Object> error = schema("object");
        error.addProperty("field", schema("string").description("The field as the client wrote it: legs[0].price")
                        .example("quantity"))
                .addProperty("message", schema("string").example("must be greater than 0"));
        error.setRequired(List.of("field", "message"));
        return error;
    }

    /** A schema of one JSON type, read alike by OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}). */
    private static Schema<Object> schema(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.addType(type);
        return schema;
    }
}
