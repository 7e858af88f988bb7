package io.bourse.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Checks a token once and remembers the outcome until the token expires. A client sends the same token with every
 * request for its whole lifetime, and checking its signature each time was the largest part of what security cost
 * a request. Only tokens that passed every check are remembered, each exactly as long as it is valid, so a
 * remembered token is taken only while a fresh check would take it too (bar the clock skew the check allows past
 * expiry, which a remembered one does not get). The memory is bounded; a token forgotten is checked again.
 */
final class RememberedTokens implements JwtDecoder {

    private final JwtDecoder checks;
    private final Clock clock;
    private final Cache<String, Jwt> valid;

    RememberedTokens(JwtDecoder checks, int maxRemembered, Clock clock) {
        this.checks = checks;
        this.clock = clock;
        this.valid = Caffeine.newBuilder()
                .maximumSize(maxRemembered)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> remaining(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = valid.getIfPresent(token);
        if (known != null && !expired(known)) {
            return known;
        }
        Jwt checked = checks.decode(token);
        if (checked.getExpiresAt() != null && !expired(checked)) {
            valid.put(token, checked);
        }
        return checked;
    }

    private boolean expired(Jwt jwt) {
        return jwt.getExpiresAt() == null || !clock.instant().isBefore(jwt.getExpiresAt());
    }

    private Duration remaining(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        Duration left = expiresAt == null ? Duration.ZERO : Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
