package io.bourse.platform.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every HTTP request gets a request id and says which trace it is in, and leaves one access log line.
 * <ul>
 * <li>{@code X-Request-Id}: the caller's own, when it is a short token of letters, digits, {@code .}, {@code _} and
 * {@code -}; otherwise a new one. It is in the response, in the MDC of every log line the request writes, and in
 * the metadata of the commands it sends, so the logs of all services can be searched for it.</li>
 * <li>{@code traceparent}: the W3C trace context of the request's span (continued from the caller's
 * {@code traceparent}, or new), in the response.</li>
 * <li>The access log line, logger {@value #ACCESS_LOGGER} at INFO: method, path (never the query, which may carry
 * secrets), status, duration in milliseconds, the caller's subject when the token was accepted, and the request id;
 * in JSON logs these are fields of their own as well.</li>
 * </ul>
 * It runs inside the HTTP server's observation (so its lines carry the trace) and outside Spring Security (so it sees
 * every answer, also a refusal); the caller is left for it by {@link #rememberCaller}.
 */
public class RequestLog extends OncePerRequestFilter {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String ACCESS_LOGGER = "io.bourse.access";
    static final String TRACEPARENT_HEADER = "traceparent";
    static final int MAX_REQUEST_ID_LENGTH = 64;
    private static final String CALLER = RequestLog.class.getName() + ".caller";
    private static final Logger access = LoggerFactory.getLogger(ACCESS_LOGGER);

    private final MessageTraces traces;

    /** {@code traces} may be null when tracing is off. */
    public RequestLog(MessageTraces traces) {
        this.traces = traces;
    }

    /** Called once the caller is known (after the token was checked), for the access log line. */
    public static void rememberCaller(HttpServletRequest request, String subject) {
        request.setAttribute(CALLER, subject);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String requestId = requestId(request.getHeader(REQUEST_ID_HEADER));
        response.setHeader(REQUEST_ID_HEADER, requestId);
        String traceparent = traces == null ? null : traces.currentTraceparent();
        if (traceparent != null) {
            response.setHeader(TRACEPARENT_HEADER, traceparent);
        }
        MDC.put(MessageTraces.REQUEST_ID, requestId);
        int status = 0;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } catch (IOException | ServletException | RuntimeException | Error e) {
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
            throw e;
        } finally {
            if (access.isInfoEnabled()) {
                logAccess(request, status, (System.nanoTime() - started) / 1_000_000);
            }
            MDC.remove(MessageTraces.REQUEST_ID);
        }
    }

    private static void logAccess(HttpServletRequest request, int status, long millis) {
        Object caller = request.getAttribute(CALLER);
        LoggingEventBuilder line = access.atInfo()
                .addKeyValue("http.request.method", request.getMethod())
                .addKeyValue("url.path", request.getRequestURI())
                .addKeyValue("http.response.status_code", status)
                .addKeyValue("duration_ms", millis);
        if (caller != null) {
            line = line.addKeyValue("user.name", caller);
        }
        // The request id is in the MDC (a field of JSON lines); plain text lines show it in the message.
        line.log("{} {} {} {} ms{} [{}]", request.getMethod(), request.getRequestURI(), status, millis,
                caller == null ? "" : " by " + caller, MDC.get(MessageTraces.REQUEST_ID));
    }

    /** The caller's id if it is a sane short token, otherwise a new random one (128 bits, 32 hex digits). */
    static String requestId(String offered) {
        if (offered != null && !offered.isEmpty() && offered.length() <= MAX_REQUEST_ID_LENGTH && sane(offered)) {
            return offered;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return hex(random.nextLong()) + hex(random.nextLong());
    }

    private static boolean sane(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
