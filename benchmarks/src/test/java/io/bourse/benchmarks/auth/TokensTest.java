package io.bourse.benchmarks.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokensTest {

    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> granted = new ArrayList<>();
    private final Deque<Runnable> renewals = new ArrayDeque<>();
    /** While true, renewals wait in {@link #renewals} until the test runs them, as if the issuer were slow. */
    private boolean holdRenewals;
    private IOException failNext;

    private Tokens.Grant grant(String clientId) throws IOException {
        if (failNext != null) {
            IOException failure = failNext;
            failNext = null;
            throw failure;
        }
        granted.add(clientId);
        return new Tokens.Grant(clientId + "-token-" + granted.size(), LIFETIME);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private void runRenewals() {
        while (!renewals.isEmpty()) {
            renewals.poll().run();
        }
    }

    /** Renewals run on the caller's thread, unless held. */
    private Tokens tokens() {
        return new Tokens(this::grant, now::get, task -> {
            if (holdRenewals) {
                renewals.add(task);
            } else {
                task.run();
            }
        });
    }

    @Test
    void aTokenIsReusedUntilThirtySecondsBeforeItExpires() throws Exception {
        Tokens tokens = tokens();

        String first = tokens.token("bench0");
        advance(LIFETIME.minusSeconds(31));

        assertThat(tokens.token("bench0")).isEqualTo(first);
        assertThat(tokens.bearer("bench0")).isEqualTo("Bearer " + first);
        assertThat(granted).containsExactly("bench0");
    }

    @Test
    void inTheLastThirtySecondsTheOldTokenServesWhileOneRenewalRunsInTheBackground() throws Exception {
        Tokens tokens = tokens();
        String first = tokens.token("bench0");
        advance(LIFETIME.minusSeconds(29));
        holdRenewals = true;

        assertThat(tokens.token("bench0")).isEqualTo(first);
        assertThat(tokens.token("bench0")).isEqualTo(first);
        assertThat(renewals).hasSize(1);

        runRenewals();
        assertThat(tokens.token("bench0")).isEqualTo("bench0-token-2");
        assertThat(renewals).isEmpty();
    }

    @Test
    void anExpiredTokenIsNeverHandedOut() throws Exception {
        Tokens tokens = tokens();
        String first = tokens.token("bench0");

        advance(LIFETIME);

        assertThat(tokens.token("bench0")).isNotEqualTo(first);
        assertThat(granted).hasSize(2);
    }

    @Test
    void eachClientHasItsOwnToken() throws Exception {
        Tokens tokens = tokens();

        assertThat(tokens.token("admin")).startsWith("admin-token");
        assertThat(tokens.token("bench1")).startsWith("bench1-token");
        assertThat(tokens.token("admin")).startsWith("admin-token");
        assertThat(granted).containsExactly("admin", "bench1");
    }

    @Test
    void aShortLifetimeIsRenewedHalfWayNotAtOnce() {
        Tokens.Token token = Tokens.Token.of(new Tokens.Grant("t", Duration.ofSeconds(40)), 0);

        assertThat(token.renewAtNanos()).isEqualTo(Duration.ofSeconds(20).toNanos());
        assertThat(token.expiresAtNanos()).isEqualTo(Duration.ofSeconds(40).toNanos());
    }

    @Test
    void aFailedRenewalKeepsTheValidTokenAndIsTriedAgainAfterAPause() throws Exception {
        Tokens tokens = tokens();
        String first = tokens.token("bench0");
        advance(LIFETIME.minusSeconds(20));
        failNext = new IOException("issuer down");

        assertThat(tokens.token("bench0")).isEqualTo(first);
        assertThat(tokens.token("bench0")).isEqualTo(first);
        assertThat(granted).hasSize(1);

        advance(Tokens.RETRY_AFTER_FAILURE);
        tokens.token("bench0");
        assertThat(granted).hasSize(2);
        assertThat(tokens.token("bench0")).isEqualTo("bench0-token-2");
    }

    @Test
    void withoutAValidTokenTheIssuersFailureReachesTheCaller() {
        Tokens tokens = tokens();
        failNext = new IOException("issuer down");

        assertThatThrownBy(() -> tokens.token("bench0")).isInstanceOf(IOException.class).hasMessage("issuer down");
    }

    @Test
    void threadsAskingAtOnceShareOneGrant() throws Exception {
        AtomicInteger grants = new AtomicInteger();
        CountDownLatch asked = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (Tokens tokens = new Tokens(clientId -> {
            grants.incrementAndGet();
            asked.await(5, TimeUnit.SECONDS);
            return new Tokens.Grant("shared", LIFETIME);
        }, System::nanoTime, null)) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(callers.submit(() -> tokens.token("bench0")));
            }
            Thread.sleep(100);
            asked.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("shared");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(grants).hasValue(1);
    }

}
