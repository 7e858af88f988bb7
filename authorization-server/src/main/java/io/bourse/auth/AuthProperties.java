package io.bourse.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/** The clients and people this issuer knows and what their tokens say. */
@ConfigurationProperties("bourse.auth")
public class AuthProperties {

    /** The audience every access token names; the services accept only tokens meant for it. */
    private String audience = "bourse";

    /** How long an access token is valid. */
    private Duration tokenLifetime = Duration.ofMinutes(15);

    /** The clients by id: each gets tokens for itself (its id is the token's subject) by the client_credentials grant. */
    private Map<String, Client> clients = new LinkedHashMap<>();

    /**
     * The people by name: each signs in on the login page and gets tokens through the browser client, with the name as
     * the token's subject. A person and a client of the same name act as the same subject.
     */
    private Map<String, User> users = new LinkedHashMap<>();

    /** The one public client: the browser application people sign in to. */
    private BrowserClient browserClient = new BrowserClient();

    /**
     * The RSA private key tokens are signed with (PKCS#8 PEM); without one a key is made at startup, so tokens do not
     * outlive a restart of this issuer.
     */
    private Resource signingKey;

    /** Which browser pages of other origins may call the issuer's endpoints for programs (see {@link Cors}). */
    private Cors cors = new Cors();

    public Cors getCors() {
        return cors;
    }

    public void setCors(Cors cors) {
        this.cors = cors;
    }

    public Resource getSigningKey() {
        return signingKey;
    }

    public void setSigningKey(Resource signingKey) {
        this.signingKey = signingKey;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public Duration getTokenLifetime() {
        return tokenLifetime;
    }

    public void setTokenLifetime(Duration tokenLifetime) {
        this.tokenLifetime = tokenLifetime;
    }

    public Map<String, Client> getClients() {
        return clients;
    }

    public void setClients(Map<String, Client> clients) {
        this.clients = clients;
    }

    public Map<String, User> getUsers() {
        return users;
    }

    public void setUsers(Map<String, User> users) {
        this.users = users;
    }

    public BrowserClient getBrowserClient() {
        return browserClient;
    }

    public void setBrowserClient(BrowserClient browserClient) {
        this.browserClient = browserClient;
    }

    /** A client's secret and the roles its tokens carry (none for a trader). */
    public static class Client {

        private String secret;
        private List<String> roles = List.of();

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }
    }

    /**
     * A person's password, already encoded with its encoder's id in front as a DelegatingPasswordEncoder reads it
     * ({@code {bcrypt}...}, or {@code {noop}...} for plain text), so the file never needs the clear password; and the
     * roles the person's tokens carry (none for a trader).
     */
    public static class User {

        private String password;
        private List<String> roles = List.of();

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }
    }

    /**
     * The browser client: public (it can keep no secret, so it proves itself by PKCE instead), signing people in by the
     * authorization code grant and sending them back only to the redirect URIs listed here.
     */
    public static class BrowserClient {

        private String id = "bourse-web";

        /** Where the issuer may send a person back with a code; a redirect URI must match one of them exactly. */
        private List<String> redirectUris = List.of(
                "http://127.0.0.1:8081/login/callback", "http://localhost:8081/login/callback");

        /** Where the issuer may send a person after signing out through it; none by default. */
        private List<String> postLogoutRedirectUris = List.of();

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public List<String> getRedirectUris() {
            return redirectUris;
        }

        public void setRedirectUris(List<String> redirectUris) {
            this.redirectUris = redirectUris;
        }

        public List<String> getPostLogoutRedirectUris() {
            return postLogoutRedirectUris;
        }

        public void setPostLogoutRedirectUris(List<String> postLogoutRedirectUris) {
            this.postLogoutRedirectUris = postLogoutRedirectUris;
        }
    }

    /**
     * The browser pages of other origins (scheme, host and port) that may call the token endpoint, as the browser
     * client's page does to exchange its code, and read the keys and discovery documents; none by default.
     */
    public static class Cors {

        private List<String> allowedOrigins = List.of();

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }
    }
}
