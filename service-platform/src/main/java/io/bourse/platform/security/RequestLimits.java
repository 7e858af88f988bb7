package io.bourse.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * What one caller may send to the API: bodies up to a size, and requests at a rate, reads and writes each from a token
 * bucket of their own. The caller is the token's subject once the token is checked, otherwise the client's address.
 * A refused request is answered as a problem (413, or 429 with {@code Retry-After}) before anything else is done.
 * Buckets of callers gone quiet are dropped, so the state stays bounded however many callers come.
 */
class RequestLimits extends OncePerRequestFilter {

    private final long maxBody;
    private final SecurityProperties.Rate reads;
    private final SecurityProperties.Rate writes;
    private final Cache<String, Bucket> buckets;
    private final HandlerExceptionResolver problems;

    RequestLimits(SecurityProperties properties, HandlerExceptionResolver problems) {
        this.maxBody = properties.getMaxRequestBody().toBytes();
        this.reads = properties.getReads();
        this.writes = properties.getWrites();
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.getMaxCallers())
                .expireAfterAccess(properties.getIdleCallerKeptFor())
                .build();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBody) {
            problems.resolveException(request, response, null, new RequestBodyTooLargeException(maxBody));
            return;
        }
        boolean read = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
        String caller = (read ? "r:" : "w:") + caller(request);
        ConsumptionProbe probe = buckets.get(caller, key -> bucket(read ? reads : writes)).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            problems.resolveException(request, response, null, new CallerLimitExceededException(
                    "more than " + (read ? reads : writes).getPerSecond() + " " + (read ? "reads" : "writes")
                            + " a second", Duration.ofNanos(probe.getNanosToWaitForRefill())));
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new BoundedBody(request, maxBody) : request, response);
    }

    private static String caller(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token ? "sub:" + token.getName()
                : "addr:" + request.getRemoteAddr();
    }

    private static Bucket bucket(SecurityProperties.Rate rate) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rate.getBurst())
                        .refillGreedy(rate.getPerSecond(), Duration.ofSeconds(1)).build())
                .build();
    }

    /** A body of unknown length (chunked) is cut off where it passes the limit. */
    private static final class BoundedBody extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        BoundedBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new RequestBodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
