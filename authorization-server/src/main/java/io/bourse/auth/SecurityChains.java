package io.bourse.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The issuer's endpoints (token, keys, discovery, OpenID Connect) with client authentication, and besides them only
 * the health probes, open; everything else is refused. Boot's own chains would send the probes to a login form.
 */
@Configuration(proxyBeanMethods = false)
class SecurityChains {

    @Bean
    @Order(1)
    SecurityFilterChain issuerEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(issuer -> {
            http.securityMatcher(issuer.getEndpointsMatcher());
            issuer.oidc(Customizer.withDefaults());
        }).authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain probesOnly(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
