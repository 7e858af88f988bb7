package io.bourse.auth;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Two chains. The issuer's endpoints (authorize, token, keys, discovery, OpenID Connect): programs authenticate as
 * clients, and a browser that asks to authorize before its person has signed in is sent to the login page. Everything
 * else: the login page (Spring Security's own, with CSRF protection) and the health probes, open; the rest refused.
 * <p>
 * Browser pages of the origins named in {@code bourse.auth.cors.allowed-origins} (the trading screen) may call the
 * endpoints meant for programs across origins: the token endpoint, where the browser client exchanges its code,
 * and the keys, discovery, user info and revocation endpoints. Both chains answer for them, since a browser's
 * preflight of the token endpoint is an OPTIONS request, which the issuer's own chain does not take.
 */
@Configuration(proxyBeanMethods = false)
class SecurityChains {

    static final String LOGIN_PAGE = "/login";

    @Bean
    @Order(1)
    SecurityFilterChain issuerEndpoints(HttpSecurity http, CorsConfigurationSource browserPages) throws Exception {
        http.cors(cors -> cors.configurationSource(browserPages))
                .oauth2AuthorizationServer(issuer -> {
                    http.securityMatcher(issuer.getEndpointsMatcher());
                    issuer.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // A browser (it asks for HTML) goes to the login page, which sends it back to the request saved here
                // once its person has signed in; a program keeps getting 401.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), asksForHtml()));
        return http.build();
    }

    /** Accepts text/html by name; a bare wildcard, as curl and most HTTP libraries send, does not count. */
    private static RequestMatcher asksForHtml() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    @Bean
    @Order(2)
    SecurityFilterChain loginAndProbes(HttpSecurity http, CorsConfigurationSource browserPages) throws Exception {
        http.cors(cors -> cors.configurationSource(browserPages))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(LOGIN_PAGE, "/error").permitAll()
                        .anyRequest().denyAll())
                .formLogin(Customizer.withDefaults())
                // Whoever is refused here gets 401, not a login redirect: nothing else is served after signing in
                // either. A default entry point, not the entry point: naming one turns the generated login page off.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    /**
     * The endpoints a page calls with fetch(), for the allowed origins. The page authenticates as the public client
     * by PKCE, never with a cookie, so no credentials are allowed; the login and authorization pages are navigated
     * to, not fetched, and get no CORS at all.
     */
    @Bean
    CorsConfigurationSource browserPages(AuthProperties properties) {
        UrlBasedCorsConfigurationSource paths = new UrlBasedCorsConfigurationSource();
        List<String> origins = properties.getCors().getAllowedOrigins();
        if (origins.isEmpty()) {
            return paths;
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(List.copyOf(origins));
        cors.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name()));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofMinutes(30));
        for (String path : List.of("/oauth2/token", "/oauth2/jwks", "/oauth2/revoke", "/userinfo",
                "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            paths.registerCorsConfiguration(path, cors);
        }
        return paths;
    }
}
