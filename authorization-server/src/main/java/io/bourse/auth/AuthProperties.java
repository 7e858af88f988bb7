package io.bourse.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The clients this issuer knows and what their tokens say. */
@ConfigurationProperties("bourse.auth")
public class AuthProperties {

    /** The audience every access token names; the services accept only tokens meant for it. */
    private String audience = "bourse";

    /** How long an access token is valid. */
    private Duration tokenLifetime = Duration.ofMinutes(15);

    /** The clients by id: each gets tokens for itself (its id is the token's subject) by the client_credentials grant. */
    private Map<String, Client> clients = new LinkedHashMap<>();

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
}
