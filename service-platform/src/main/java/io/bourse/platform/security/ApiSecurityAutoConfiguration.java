package io.bourse.platform.security;

import io.bourse.events.Actor;
import io.bourse.platform.messaging.MessagingProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.bourse.platform.observability.RequestLog;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The API's security, the same in every service: every call carries a bearer token from the configured issuer
 * (signature, issuer, audience and expiry checked by Spring Security's resource server), roles come from the token's
 * {@code roles} claim, and a caller's requests are limited in size and rate. The health probes and the API
 * documents are open; the rest of the actuator is for operators to read and admins to change. A service adds its
 * operator endpoints as {@link ApiAccessRules}, and checks ownership with {@link Access}.
 * <p>
 * Refusals are problem responses like every other error: 401 with {@code WWW-Authenticate: Bearer}, 403, 413 and
 * 429 with {@code Retry-After}, and 400 for a URL the firewall refuses. Browser pages of the origins a deployment
 * names may call across origins ({@link BrowserOrigins}); of no other.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet"
                + ".OAuth2ResourceServerAutoConfiguration"})
@EnableConfigurationProperties(SecurityProperties.class)
public class ApiSecurityAutoConfiguration {

    static final String BEARER = "bearer";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, List<ApiAccessRules> serviceRules,
                                    SecurityProperties properties, JwtDecoder tokenChecks, Clock clock,
                                    @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems)
            throws Exception {
        AuthenticationEntryPoint unauthenticated = unauthenticated(problems);
        AccessDeniedHandler denied = denied(problems);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(rules -> {
                    rules.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    rules.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
                    rules.requestMatchers(HttpMethod.GET, "/actuator", "/actuator/**")
                            .hasAnyRole(Actor.OPERATOR, Actor.ADMIN);
                    rules.requestMatchers("/actuator", "/actuator/**").hasRole(Actor.ADMIN);
                    rules.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                            "/swagger-ui/**").permitAll();
                    serviceRules.forEach(service -> service.configure(rules));
                    rules.requestMatchers("/api/**").authenticated();
                    rules.anyRequest().denyAll();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(new RememberedTokens(tokenChecks,
                                properties.getMaxRememberedTokens(), clock)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .addFilterAfter(new RequestLimits(properties, problems), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(ApiSecurityAutoConfiguration::rememberCaller, BearerTokenAuthenticationFilter.class);
        List<String> browserOrigins = properties.getCors().getAllowedOrigins();
        if (!browserOrigins.isEmpty()) {
            // In Spring Security's place for CORS: before a token is asked for, since a browser's preflight has none.
            http.addFilter(BrowserOrigins.filter(browserOrigins, problems));
        }
        return http.build();
    }

    /** The access log names the caller whose token was accepted; it writes its line after this chain has ended. */
    private static void rememberCaller(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                && request instanceof HttpServletRequest http) {
            RequestLog.rememberCaller(http, token.getName());
        }
        chain.doFilter(request, response);
    }

    /** The header says what RFC 6750 asks; the body is the problem, written where every other one is. */
    private static AuthenticationEntryPoint unauthenticated(HandlerExceptionResolver problems) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            problems.resolveException(request, response, null, failure);
        };
    }

    private static AccessDeniedHandler denied(HandlerExceptionResolver problems) {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, failure) -> {
            bearer.handle(request, response, failure);
            problems.resolveException(request, response, null, failure);
        };
    }

    /**
     * The chain's firewall refuses a URL that could name another resource than it seems to (an encoded slash, a dot
     * segment, ...) before any filter runs; Spring Security would answer with a bare 400 and the container's error
     * page. Spring Security takes this bean for its chain.
     */
    @Bean
    RequestRejectedHandler rejectedAsProblems(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        return (request, response, rejection) -> problems.resolveException(request, response, null, rejection);
    }

    /**
     * Spring Security would otherwise wrap each of its filters, and each authentication and authorization, in a
     * Micrometer observation on every request: a cost per call of the same order as the checks themselves. The
     * HTTP server's own request metrics stay.
     */
    @Bean
    SecurityObservationSettings securityWithoutObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> actorMetaData() {
        return new ActorMetaData();
    }

    /** The actor of a message goes on to the messages its handling sends, events and commands alike. */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actor.SUBJECT, Actor.ROLES);
    }

    @Bean
    AccountOwners accountOwners(CommandGateway commands, MessagingProperties messaging, SecurityProperties security) {
        return new AccountOwners(commands, messaging.getCommandTimeout(), security.getMaxRememberedOwners());
    }

    @Bean
    Access access(AccountOwners owners) {
        return new Access(owners);
    }

    /** The API documents name the scheme every operation needs. */
    @Bean
    OpenApiCustomizer bearerTokens() {
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes(BEARER, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme(BEARER).bearerFormat("JWT")
                    .description("An access token from the configured OpenID Connect issuer (locally: POST /oauth2/token"
                            + " on port 9000 with the client_credentials grant), for the audience 'bourse'."));
            api.addSecurityItem(new SecurityRequirement().addList(BEARER));
        };
    }
}
