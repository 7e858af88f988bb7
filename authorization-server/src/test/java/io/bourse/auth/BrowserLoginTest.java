package io.bourse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The issuer as a browser uses it: a person signs in on the login page and the browser client gets a token for them
 * by the authorization code grant with PKCE. Each test is one browser (its own cookies) that follows no redirect by
 * itself, so every hop is asserted: authorize, login page, login, back to authorize, the redirect with the code, and
 * the code exchanged at the token endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + AuthorizationServerApplication.CONFIG_NAME})
class BrowserLoginTest {

    private static final String CLIENT = "bourse-web";
    private static final String REDIRECT_URI = "http://127.0.0.1:8081/login/callback";
    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @LocalServerPort
    int port;

    @Test
    void aTraderSignsInAndTheBrowserClientGetsATokenForHerWithNoRoles() throws Exception {
        Jwt token = accessToken(signInAndGetToken("alice", "alice-password"));

        assertThat(token.getSubject()).isEqualTo("alice");
        assertThat(token.getAudience()).contains("bourse");
        assertThat(token.getClaimAsStringList(DevClients.ROLES_CLAIM)).isEmpty();
    }

    @Test
    void theAdminsTokenCarriesTheAdminsRoles() throws Exception {
        Jwt token = accessToken(signInAndGetToken("admin", "admin-password"));

        assertThat(token.getSubject()).isEqualTo("admin");
        assertThat(token.getAudience()).contains("bourse");
        assertThat(token.getClaimAsStringList(DevClients.ROLES_CLAIM)).containsExactly("admin", "operator");
    }

    @Test
    void aWrongPasswordSignsNobodyIn() throws Exception {
        Pkce pkce = new Pkce();
        String state = UUID.randomUUID().toString();
        String authorize = authorizeUrl(state, pkce.challenge());
        assertThat(path(expectRedirect(get(authorize)))).isEqualTo(SecurityChains.LOGIN_PAGE);

        URI afterLogin = expectRedirect(login("alice", "bob-password"));

        assertThat(path(afterLogin)).isEqualTo(SecurityChains.LOGIN_PAGE);
        assertThat(afterLogin.getQuery()).contains("error");
        assertThat(path(expectRedirect(get(authorize)))).as("still not signed in").isEqualTo(SecurityChains.LOGIN_PAGE);
    }

    @Test
    void anAuthorizationRequestWithoutACodeChallengeGetsNoCodeEvenWhenSignedIn() throws Exception {
        String state = UUID.randomUUID().toString();
        signIn("alice", "alice-password", authorizeUrl(state, new Pkce().challenge()));

        URI refused = expectRedirect(get(base() + "/oauth2/authorize?" + form(Map.of(
                "response_type", "code", "client_id", CLIENT, "redirect_uri", REDIRECT_URI, "scope", "openid",
                "state", state))));

        Map<String, String> answer = query(refused);
        assertThat(answer).doesNotContainKey("code").containsEntry("error", "invalid_request");
    }

    @Test
    void aCodeWithTheWrongVerifierIsAnInvalidGrant() throws Exception {
        Pkce pkce = new Pkce();
        String state = UUID.randomUUID().toString();
        String code = signIn("alice", "alice-password", authorizeUrl(state, pkce.challenge())).get("code");

        HttpResponse<String> exchange = exchange(code, new Pkce().verifier());

        assertThat(exchange.statusCode()).isEqualTo(400);
        assertThat(exchange.body()).contains("\"error\":\"invalid_grant\"").doesNotContain("access_token");
    }

    @Test
    void theScreensPageExchangesItsCodeAcrossOriginsAndNoOtherPageMay() throws Exception {
        String screen = "http://127.0.0.1:8081";
        HttpResponse<String> preflight = preflight("/oauth2/token", screen);
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(screen);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        Pkce pkce = new Pkce();
        String code = signIn("alice", "alice-password", authorizeUrl(UUID.randomUUID().toString(), pkce.challenge()))
                .get("code");
        // fetch() from the page: its origin named, no cookie of the issuer's sent.
        HttpResponse<String> exchange = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base() + "/oauth2/token"))
                .header("Origin", screen)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", REDIRECT_URI, "client_id", CLIENT, "code_verifier", pkce.verifier()))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(exchange.statusCode()).as(exchange.body()).isEqualTo(200);
        assertThat(exchange.headers().firstValue("Access-Control-Allow-Origin")).hasValue(screen);
        assertThat(accessToken(exchange.body()).getSubject()).isEqualTo("alice");

        HttpResponse<String> keys = preflight("/oauth2/jwks", "http://localhost:8081");
        assertThat(keys.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8081");

        HttpResponse<String> elsewhere = preflight("/oauth2/token", "http://127.0.0.1:9999");
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> preflight(String path, String origin) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The whole flow for one person; returns the token endpoint's answer. */
    private String signInAndGetToken(String user, String password) throws Exception {
        Pkce pkce = new Pkce();
        String state = UUID.randomUUID().toString();
        Map<String, String> callback = signIn(user, password, authorizeUrl(state, pkce.challenge()));

        assertThat(callback).containsEntry("state", state).containsKey("code");
        HttpResponse<String> exchange = exchange(callback.get("code"), pkce.verifier());
        assertThat(exchange.statusCode()).as(exchange.body()).isEqualTo(200);
        return exchange.body();
    }

    /**
     * Asks to authorize, is sent to the login page, signs in there, is sent back to the saved authorization request and
     * follows it to the client's redirect URI; returns that redirect's query parameters.
     */
    private Map<String, String> signIn(String user, String password, String authorize) throws Exception {
        assertThat(path(expectRedirect(get(authorize)))).isEqualTo(SecurityChains.LOGIN_PAGE);

        URI back = expectRedirect(login(user, password));
        assertThat(path(back)).isEqualTo("/oauth2/authorize");
        assertThat(query(back)).containsAllEntriesOf(query(URI.create(authorize)));

        URI callback = expectRedirect(get(back.toString()));
        assertThat(callback.getScheme() + "://" + callback.getAuthority() + callback.getPath()).isEqualTo(REDIRECT_URI);
        return query(callback);
    }

    /** Reads the CSRF token from the login page, then posts the form as the page would. */
    private HttpResponse<String> login(String user, String password) throws Exception {
        HttpResponse<String> page = get(base() + SecurityChains.LOGIN_PAGE);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("a _csrf input on the login page").isTrue();

        return post(base() + SecurityChains.LOGIN_PAGE,
                Map.of("username", user, "password", password, "_csrf", csrf.group(1)));
    }

    private HttpResponse<String> exchange(String code, String verifier) throws Exception {
        return post(base() + "/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "client_id", CLIENT, "code_verifier", verifier));
    }

    private String authorizeUrl(String state, String challenge) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", CLIENT);
        parameters.put("redirect_uri", REDIRECT_URI);
        parameters.put("scope", "openid");
        parameters.put("state", state);
        parameters.put("code_challenge", challenge);
        parameters.put("code_challenge_method", "S256");
        return base() + "/oauth2/authorize?" + form(parameters);
    }

    /** What a browser sends when it navigates: it asks for a page. */
    private HttpResponse<String> get(String url) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, Map<String, String> parameters) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI expectRedirect(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("a redirect from %s", response.uri()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        return response.uri().resolve(location);
    }

    private static String path(URI uri) {
        return uri.getPath();
    }

    private static Map<String, String> query(URI uri) {
        if (uri.getRawQuery() == null) {
            return Map.of();
        }
        return Arrays.stream(uri.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> unescape(pair[0]), pair -> pair.length > 1 ? unescape(pair[1]) : "",
                        (first, second) -> first, LinkedHashMap::new));
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String unescape(String component) {
        return URLDecoder.decode(component, StandardCharsets.UTF_8);
    }

    /** Checks the access token as a resource server would: signature by the published keys, issuer and expiry. */
    private Jwt accessToken(String tokenResponse) {
        assertThat(tokenResponse).contains("\"token_type\":\"Bearer\"");
        String token = tokenResponse.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        return NimbusJwtDecoder.withIssuerLocation(base()).build().decode(token);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** A fresh code verifier and its S256 challenge, as RFC 7636 defines them. */
    private record Pkce(String verifier) {

        private static final SecureRandom RANDOM = new SecureRandom();

        Pkce() {
            this(randomVerifier());
        }

        private static String randomVerifier() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }

        String challenge() throws Exception {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
    }
}
