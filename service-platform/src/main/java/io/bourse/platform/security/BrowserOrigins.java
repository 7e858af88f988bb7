package io.bourse.platform.security;

import io.bourse.events.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Cross-origin calls from the browser pages a deployment names ({@code bourse.security.cors.allowed-origins}), such
 * as the trading screen: to every endpoint (the API, its streams, the actuator), with the methods and headers the
 * API takes, and with the answer's headers a client needs readable. Callers prove who they are by their bearer
 * token, never by a cookie, so no credentials are allowed. A browser asks first (a preflight) and caches the answer
 * for {@link #PREFLIGHT_CACHED}.
 * <p>
 * A request from an origin not named, or with a method or header not allowed, is refused with a 403 problem like
 * every other refusal.
 */
final class BrowserOrigins {

    static final List<String> METHODS = List.of(HttpMethod.GET.name(), HttpMethod.POST.name(),
            HttpMethod.DELETE.name());
    static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            "Idempotency-Key", "Last-Event-ID", "traceparent", "X-Request-Id");
    static final List<String> EXPOSED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.LINK,
            HttpHeaders.RETRY_AFTER, "X-Request-Id");
    static final Duration PREFLIGHT_CACHED = Duration.ofMinutes(30);

    private BrowserOrigins() {
    }

    static CorsConfiguration allowing(List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(List.copyOf(origins));
        cors.setAllowedMethods(METHODS);
        cors.setAllowedHeaders(REQUEST_HEADERS);
        cors.setExposedHeaders(EXPOSED_HEADERS);
        cors.setAllowCredentials(false);
        cors.setMaxAge(PREFLIGHT_CACHED);
        return cors;
    }

    static CorsFilter filter(List<String> origins, HandlerExceptionResolver problems) {
        UrlBasedCorsConfigurationSource paths = new UrlBasedCorsConfigurationSource();
        paths.registerCorsConfiguration("/**", allowing(origins));
        CorsFilter filter = new CorsFilter(paths);
        filter.setCorsProcessor(new RefusedAsProblem(problems));
        return filter;
    }

    /** Spring's checks, with a refusal written as a problem rather than as Spring's plain-text body. */
    private static final class RefusedAsProblem extends DefaultCorsProcessor {

        private final HandlerExceptionResolver problems;

        RefusedAsProblem(HandlerExceptionResolver problems) {
            this.problems = problems;
        }

        @Override
        public boolean processRequest(CorsConfiguration configuration, HttpServletRequest request,
                                      HttpServletResponse response) throws IOException {
            boolean allowed = super.processRequest(configuration, request, response);
            if (!allowed) {
                problems.resolveException(request, response, null, new DomainException(DomainException.Kind.FORBIDDEN,
                        "CROSS_ORIGIN_REFUSED", "a page of origin " + request.getHeader(HttpHeaders.ORIGIN)
                        + " may not make this request: its origin, method or headers are not allowed"));
            }
            return allowed;
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) {
            // The problem is written by processRequest, which has the request to write it for.
        }
    }
}
