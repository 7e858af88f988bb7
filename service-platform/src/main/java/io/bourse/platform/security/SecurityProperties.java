package io.bourse.platform.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The limits every service puts on a caller. The token checks themselves are Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties (issuer, keys, audience, roles claim).
 */
@ConfigurationProperties("bourse.security")
public class SecurityProperties {

    /** The largest request body taken; a larger one is answered 413 before it is read. */
    private DataSize maxRequestBody = DataSize.ofKilobytes(16);

    /** Requests that read (GET, HEAD) per caller. */
    private Rate reads = new Rate(200, 400);

    /** Requests that change something (POST, DELETE, ...) per caller. */
    private Rate writes = new Rate(100, 200);

    /** How many callers' rate buckets are kept; an idle caller's is dropped after {@link #idleCallerKeptFor}. */
    private int maxCallers = 100_000;

    private Duration idleCallerKeptFor = Duration.ofMinutes(10);

    /** How many accounts' owners another service remembers; an owner never changes, so this only bounds memory. */
    private int maxRememberedOwners = 100_000;

    /** How many checked tokens are remembered until they expire, so that a token's signature is checked once. */
    private int maxRememberedTokens = 10_000;

    /** Which browser pages, besides the service's own, may call it (see {@link Cors}). */
    private Cors cors = new Cors();

    public Cors getCors() {
        return cors;
    }

    public void setCors(Cors cors) {
        this.cors = cors;
    }

    public int getMaxRememberedTokens() {
        return maxRememberedTokens;
    }

    public void setMaxRememberedTokens(int maxRememberedTokens) {
        this.maxRememberedTokens = maxRememberedTokens;
    }

    public DataSize getMaxRequestBody() {
        return maxRequestBody;
    }

    public void setMaxRequestBody(DataSize maxRequestBody) {
        this.maxRequestBody = maxRequestBody;
    }

    public Rate getReads() {
        return reads;
    }

    public void setReads(Rate reads) {
        this.reads = reads;
    }

    public Rate getWrites() {
        return writes;
    }

    public void setWrites(Rate writes) {
        this.writes = writes;
    }

    public int getMaxCallers() {
        return maxCallers;
    }

    public void setMaxCallers(int maxCallers) {
        this.maxCallers = maxCallers;
    }

    public Duration getIdleCallerKeptFor() {
        return idleCallerKeptFor;
    }

    public void setIdleCallerKeptFor(Duration idleCallerKeptFor) {
        this.idleCallerKeptFor = idleCallerKeptFor;
    }

    public int getMaxRememberedOwners() {
        return maxRememberedOwners;
    }

    public void setMaxRememberedOwners(int maxRememberedOwners) {
        this.maxRememberedOwners = maxRememberedOwners;
    }

    /** A token bucket: {@code perSecond} requests a second on average, {@code burst} at once after a pause. */
    public static class Rate {

        private long perSecond;
        private long burst;

        public Rate() {
        }

        public Rate(long perSecond, long burst) {
            this.perSecond = perSecond;
            this.burst = burst;
        }

        public long getPerSecond() {
            return perSecond;
        }

        public void setPerSecond(long perSecond) {
            this.perSecond = perSecond;
        }

        public long getBurst() {
            return burst;
        }

        public void setBurst(long burst) {
            this.burst = burst;
        }
    }

    /**
     * Cross-origin calls from browser pages: the origins named here (scheme, host and port, e.g.
     * {@code https://trade.example.com}) may call every endpoint with a bearer token and read the answer. None by
     * default, and then a browser lets no page of another origin call the service.
     */
    public static class Cors {

        private List<String> allowedOrigins = new ArrayList<>();

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }
    }
}
