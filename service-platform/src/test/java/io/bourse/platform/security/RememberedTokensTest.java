package io.bourse.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class RememberedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final AtomicInteger checks = new AtomicInteger();

    /** Takes "good-<seconds left>" tokens while they are valid, refuses everything else. */
    private final JwtDecoder issuerChecks = token -> {
        checks.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new BadJwtException("not a token");
        }
        Instant expiresAt = NOW.plusSeconds(Long.parseLong(token.substring(5)));
        if (!clock.instant().isBefore(expiresAt)) {
            throw new BadJwtException("expired");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                .issuedAt(NOW).expiresAt(expiresAt).build();
    };

    private final RememberedTokens tokens = new RememberedTokens(issuerChecks, 100, clock);

    @Test
    void aValidTokenIsCheckedOnceWhileItLasts() {
        Jwt first = tokens.decode("good-900");
        Jwt again = tokens.decode("good-900");

        assertThat(again).isSameAs(first);
        assertThat(checks).hasValue(1);
    }

    @Test
    void aTokenIsNotTakenFromMemoryOnceItHasExpired() {
        tokens.decode("good-60");
        clock.advance(Duration.ofSeconds(60));

        assertThatThrownBy(() -> tokens.decode("good-60")).isInstanceOf(BadJwtException.class);
        assertThat(checks).hasValue(2);
    }

    @Test
    void aRefusedTokenIsCheckedEveryTime() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(checks).hasValue(2);
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
