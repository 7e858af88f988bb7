package io.bourse.auth;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The clients of {@link AuthProperties} as registered clients, and the claims their access tokens carry besides the
 * standard ones: {@code roles} and the audience.
 */
@Configuration(proxyBeanMethods = false)
class DevClients {

    static final String ROLES_CLAIM = "roles";

    @Bean
    RegisteredClientRepository registeredClients(AuthProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.getTokenLifetime()).build();
        List<RegisteredClient> clients = properties.getClients().entrySet().stream()
                .map(client -> RegisteredClient.withId(UUID.nameUUIDFromBytes(client.getKey().getBytes(StandardCharsets.UTF_8)).toString())
                        .clientId(client.getKey())
                        .clientSecret(encoder.encode(client.getValue().getSecret()))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .tokenSettings(tokens)
                        .build())
                .toList();
        if (clients.isEmpty()) {
            throw new IllegalStateException("no clients are configured under bourse.auth.clients");
        }
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesAndAudience(AuthProperties properties) {
        Map<String, AuthProperties.Client> clients = properties.getClients();
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                AuthProperties.Client client = clients.get(context.getRegisteredClient().getClientId());
                context.getClaims()
                        .audience(List.of(properties.getAudience()))
                        .claim(ROLES_CLAIM, client == null ? List.of() : client.getRoles());
            }
        };
    }
}
