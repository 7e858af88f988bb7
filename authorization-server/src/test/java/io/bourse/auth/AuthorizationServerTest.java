package io.bourse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The issuer as a program uses it: a token by the client_credentials grant with HTTP basic client authentication,
 * checked as a resource server checks it (signature by the published keys, issuer, audience, expiry), and refused
 * to a wrong secret or an unknown client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + AuthorizationServerApplication.CONFIG_NAME})
class AuthorizationServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aTraderGetsATokenForItselfWithNoRoles() throws Exception {
        Jwt token = decode(token("alice", "alice-secret").body());

        assertThat(token.getSubject()).isEqualTo("alice");
        assertThat(token.getAudience()).containsExactly("bourse");
        assertThat(token.getClaimAsStringList(DevClients.ROLES_CLAIM)).isEmpty();
        assertThat(token.getIssuer().toString()).isEqualTo(base());
        assertThat(token.getExpiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(14)),
                Instant.now().plus(Duration.ofMinutes(16)));
    }

    @Test
    void theAdminsTokenCarriesItsRoles() throws Exception {
        Jwt token = decode(token("admin", "admin-secret").body());

        assertThat(token.getSubject()).isEqualTo("admin");
        assertThat(token.getClaimAsStringList(DevClients.ROLES_CLAIM)).containsExactly("admin", "operator");
    }

    @Test
    void aWrongSecretOrAnUnknownClientGetsNoToken() throws Exception {
        assertThat(token("alice", "bob-secret").statusCode()).isEqualTo(401);
        assertThat(token("mallory", "mallory-secret").statusCode()).isEqualTo(401);
    }

    @Test
    void theDiscoveryDocumentNamesTheTokenEndpointAndTheKeys() throws Exception {
        HttpResponse<String> discovery = get("/.well-known/openid-configuration");

        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"token_endpoint\":\"" + base() + "/oauth2/token\"")
                .contains("\"jwks_uri\":\"" + base() + "/oauth2/jwks\"");
    }

    @Test
    void healthIsOpenAndNothingElseIsServedWithoutAClient() throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/env").statusCode()).isIn(401, 403, 404);
        assertThat(get("/oauth2/authorize").statusCode()).isNotEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String client, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What a resource server does: the signature against the published keys, then the time and issuer. */
    private Jwt decode(String tokenResponse) {
        assertThat(tokenResponse).contains("\"token_type\":\"Bearer\"");
        String token = tokenResponse.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        JwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(base()).build();
        return decoder.decode(token);
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
