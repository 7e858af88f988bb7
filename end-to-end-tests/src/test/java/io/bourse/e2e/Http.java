package io.bourse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A client of the REST API as a trading program would be: JSON over HTTP with the bearer token of one client of the
 * issuer (or none, {@link #anonymous()}), nothing of the services' code. Like any well-behaved client it honours load
 * shedding: a 429 or 503 that carries {@code Retry-After} (the server refused the
 * request before doing anything) is sent again after the time it names, a few times at most.
 */
final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS_WHEN_SHED = 10;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final String baseUrl;
    private final Tokens tokens;
    private final String clientId;

    Http(String baseUrl, Tokens tokens, String clientId) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.clientId = clientId;
    }

    /** The same service, called with another client's token. */
    Http as(String otherClient) {
        return new Http(baseUrl, tokens, otherClient);
    }

    /** The same service, called without a token. */
    Http anonymous() {
        return new Http(baseUrl, tokens, null);
    }

    String baseUrl() {
        return baseUrl;
    }

    String clientId() {
        return clientId;
    }

    record Response(int status, String contentType, JsonNode body, String location, HttpHeaders headers) {
        String text(String field) {
            return body.path(field).asText();
        }
    }

    Response get(String path) {
        return get(path, Map.of());
    }

    Response get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = authorized(path).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    Response delete(String path) {
        return send(authorized(path).DELETE().build());
    }

    Response post(String path, String json) {
        return post(path, json, Map.of());
    }

    Response post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = authorized(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request.build());
    }

    private HttpRequest.Builder authorized(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (clientId != null) {
            request.header("Authorization", "Bearer " + tokens.of(clientId));
        }
        return request;
    }

    /** Exactly this request, once: no token added, no retry on load shedding. */
    Response sendOnce(HttpRequest request) {
        return answer(sendRaw(request));
    }

    private HttpResponse<String> sendRaw(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Response answer(HttpResponse<String> response) {
        try {
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            // Text answers (Prometheus' exposition format) are kept as one text node.
            JsonNode body = response.body().isEmpty() ? JSON.nullNode()
                    : contentType.startsWith("text/plain") ? JSON.getNodeFactory().textNode(response.body())
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), contentType, body,
                    response.headers().firstValue("Location").orElse(null), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = sendRaw(request);
            for (int attempt = 1; attempt < ATTEMPTS_WHEN_SHED && shed(response); attempt++) {
                Thread.sleep(retryAfter(response).toMillis());
                response = sendRaw(request);
            }
            return answer(response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean shed(HttpResponse<String> response) {
        return (response.statusCode() == 429 || response.statusCode() == 503)
                && response.headers().firstValue("Retry-After").isPresent();
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()));
    }
}
