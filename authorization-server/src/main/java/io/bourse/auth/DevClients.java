package io.bourse.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The clients of {@link AuthProperties} as registered clients: the programs, confidential and on the client_credentials
 * grant, and the public browser client people sign in through. Also the claims every access token carries besides the
 * standard ones: {@code roles} and the audience.
 */
@Configuration(proxyBeanMethods = false)
class DevClients {

    static final String ROLES_CLAIM = "roles";

    @Bean
    RegisteredClientRepository registeredClients(AuthProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.getTokenLifetime()).build();
        List<RegisteredClient> clients = new ArrayList<>(properties.getClients().entrySet().stream()
                .map(client -> RegisteredClient.withId(stableId(client.getKey()))
                        .clientId(client.getKey())
                        .clientSecret(encoder.encode(client.getValue().getSecret()))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .tokenSettings(tokens)
                        .build())
                .toList());
        if (clients.isEmpty()) {
            throw new IllegalStateException("no clients are configured under bourse.auth.clients");
        }
        clients.add(browserClient(properties.getBrowserClient(), tokens));
        return new InMemoryRegisteredClientRepository(clients);
    }

    /**
     * A browser cannot keep a secret, so the client has none and must send a PKCE challenge (S256) with every
     * authorization request instead. Consent is not asked: this is the project's own application, not a third party.
     * The refresh_token grant is registered, but Spring Authorization Server issues no refresh token to a public
     * client; when the access token expires the application asks for a new code, with no second login while the
     * person's session here lasts.
     */
    private static RegisteredClient browserClient(AuthProperties.BrowserClient browser, TokenSettings tokens) {
        return RegisteredClient.withId(stableId(browser.getId()))
                .clientId(browser.getId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(browser.getRedirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(browser.getPostLogoutRedirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens)
                .build();
    }

    /** A registration id derived from the client id, so it is the same on every start. */
    private static String stableId(String clientId) {
        return UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesAndAudience(AuthProperties properties) {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims()
                        .audience(List.of(properties.getAudience()))
                        .claim(ROLES_CLAIM, rolesOf(context, properties));
            }
        };
    }

    /**
     * The roles of the token's subject. A program on the client_credentials grant is itself the principal, and has its
     * client's roles; a person signed in through the browser client is the principal, and has that person's roles,
     * whichever client asked. Anyone not configured has none.
     */
    private static List<String> rolesOf(JwtEncodingContext context, AuthProperties properties) {
        if (context.getPrincipal() instanceof OAuth2ClientAuthenticationToken) {
            AuthProperties.Client client = properties.getClients().get(context.getRegisteredClient().getClientId());
            return client == null ? List.of() : client.getRoles();
        }
        AuthProperties.User user = properties.getUsers().get(context.getPrincipal().getName());
        return user == null ? List.of() : user.getRoles();
    }
}
