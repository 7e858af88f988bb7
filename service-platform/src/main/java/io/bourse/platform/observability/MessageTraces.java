package io.bourse.platform.observability;

import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;

/**
 * The trace of a message travels in its metadata as a W3C {@code traceparent}, next to the {@code requestId} of the
 * HTTP request that started it; both are Axon correlation data, so the events and commands a handler sends carry
 * them on to every service, through the event stores and Kafka alike.
 * <p>
 * Only a sampled trace costs spans: handling a message of a trace that is not sampled puts its ids into the logs'
 * MDC and passes its traceparent on unchanged, without a span or a tracing context, and a message with no trace
 * costs one metadata lookup.
 */
public final class MessageTraces {

    public static final String TRACEPARENT = "traceparent";
    public static final String REQUEST_ID = "requestId";

    private static final int TRACEPARENT_LENGTH = 55;
    /** The MDC keys of Micrometer Tracing, which Boot's log formats show. */
    static final String MDC_TRACE_ID = "traceId";
    static final String MDC_SPAN_ID = "spanId";

    private final Tracer tracer;

    public MessageTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The W3C traceparent of the span (or remote context) current on this thread; null when there is none. */
    public String currentTraceparent() {
        TraceContext context = tracer.currentTraceContext().context();
        return context == null ? null : traceparent(context);
    }

    static String traceparent(TraceContext context) {
        return "00-" + context.traceId() + "-" + context.spanId()
                + (Boolean.TRUE.equals(context.sampled()) ? "-01" : "-00");
    }

    /** The trace a message belongs to; null when it carries none, or one that is not a W3C traceparent. */
    TraceContext traceOf(Message<?> message) {
        Object value = message.getMetaData().get(TRACEPARENT);
        return value instanceof String traceparent ? parse(traceparent) : null;
    }

    TraceContext parse(String traceparent) {
        if (!wellFormed(traceparent)) {
            return null;
        }
        return tracer.traceContextBuilder()
                .traceId(traceparent.substring(3, 35))
                .spanId(traceparent.substring(36, 52))
                .sampled(sampled(traceparent))
                .build();
    }

    private static boolean wellFormed(String traceparent) {
        return traceparent.length() == TRACEPARENT_LENGTH && traceparent.charAt(2) == '-'
                && traceparent.charAt(35) == '-' && traceparent.charAt(52) == '-';
    }

    private static boolean sampled(String traceparent) {
        int flags = Character.digit(traceparent.charAt(54), 16);
        return flags > 0 && (flags & 1) == 1;
    }

    /**
     * A trace that is not sampled needs no tracing context at all: what the handler sends carries the message's
     * traceparent on unchanged (see {@link TraceMetaData}), and the logs get its ids straight into the MDC. That is
     * a few map operations, where a context made current costs about a microsecond per message.
     */
    private static <T> T inLogsOnly(String traceparent, Handling<T> handling) throws Exception {
        String outerTrace = MDC.get(MDC_TRACE_ID);
        String outerSpan = MDC.get(MDC_SPAN_ID);
        MDC.put(MDC_TRACE_ID, traceparent.substring(3, 35));
        MDC.put(MDC_SPAN_ID, traceparent.substring(36, 52));
        try {
            return handling.proceed();
        } finally {
            restore(MDC_TRACE_ID, outerTrace);
            restore(MDC_SPAN_ID, outerSpan);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /**
     * Runs the handling of a message inside its trace: a span named by {@code name} (its {@code toString}, asked only then), child of the message's context,
     * when the trace is sampled; the message's context alone when it is not. The request id goes to the logs' MDC.
     */
    <T> T handle(Message<?> message, Object name, Handling<T> handling) throws Exception {
        MetaData metaData = message.getMetaData();
        Object requestId = metaData.get(REQUEST_ID);
        boolean logsRequest = requestId instanceof String && MDC.get(REQUEST_ID) == null;
        if (logsRequest) {
            MDC.put(REQUEST_ID, (String) requestId);
        }
        try {
            Object traceparent = metaData.get(TRACEPARENT);
            if (!(traceparent instanceof String value) || !wellFormed(value)) {
                return handling.proceed();
            }
            if (!sampled(value)) {
                return inLogsOnly(value, handling);
            }
            TraceContext parent = parse(value);
            Span span = tracer.spanBuilder().setParent(parent).name(name.toString()).start();
            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                return handling.proceed();
            } catch (Exception | Error e) {
                span.error(e);
                throw e;
            } finally {
                span.end();
            }
        } finally {
            if (logsRequest) {
                MDC.remove(REQUEST_ID);
            }
        }
    }

    /**
     * The message's trace made current without a span of its own, e.g. for the callback of a command answered on
     * another thread, so that the commands it sends stay in the trace.
     */
    CurrentTraceContext.Scope enter(Message<?> message) {
        TraceContext context = traceOf(message);
        return context == null ? () -> {
        } : tracer.currentTraceContext().newScope(context);
    }

    @FunctionalInterface
    interface Handling<T> {
        T proceed() throws Exception;
    }
}
