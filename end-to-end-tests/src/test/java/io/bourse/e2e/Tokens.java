package io.bourse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens from the stack's issuer, as a client program gets them: the client_credentials grant with HTTP basic
 * client authentication, the secret being {@code <client>-secret}. A token is reused until shortly before it expires.
 */
final class Tokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newHttpClient();
    private final String issuer;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    Tokens(String issuer) {
        this.issuer = issuer;
    }

    private record Token(String value, Instant renewAt) {
    }

    String issuer() {
        return issuer;
    }

    /** A valid token of the client. */
    String of(String clientId) {
        Token token = tokens.get(clientId);
        if (token == null || Instant.now().isAfter(token.renewAt())) {
            token = fetch(clientId);
            tokens.put(clientId, token);
        }
        return token.value();
    }

    private Token fetch(String clientId) {
        String credentials = Base64.getEncoder()
                .encodeToString((clientId + ":" + clientId + "-secret").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no token for " + clientId + ": " + response.statusCode() + " "
                        + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            Instant expires = Instant.now().plusSeconds(body.path("expires_in").asLong());
            return new Token(body.path("access_token").asText(), expires.minus(RENEW_BEFORE_EXPIRY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
