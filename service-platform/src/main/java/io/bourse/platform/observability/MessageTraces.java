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
 * Only a sampled trace costs spans: handling a message of a trace that is not sampled makes its context current (so
 * logs still name the trace) without creating a span, and a message with no trace costs one metadata lookup.
 */
public final class MessageTraces {

    public static final String TRACEPARENT = "traceparent";
    public static final String REQUEST_ID = "requestId";

    private static final int TRACEPARENT_LENGTH = 55;

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
        if (traceparent.length() != TRACEPARENT_LENGTH || traceparent.charAt(2) != '-'
                || traceparent.charAt(35) != '-' || traceparent.charAt(52) != '-') {
            return null;
        }
        boolean sampled = (Character.digit(traceparent.charAt(54), 16) & 1) == 1;
        return tracer.traceContextBuilder()
                .traceId(traceparent.substring(3, 35))
                .spanId(traceparent.substring(36, 52))
                .sampled(sampled)
                .build();
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
            TraceContext parent = traceOf(message);
            if (parent == null) {
                return handling.proceed();
            }
            if (!Boolean.TRUE.equals(parent.sampled())) {
                try (CurrentTraceContext.Scope scope = tracer.currentTraceContext().newScope(parent)) {
                    return handling.proceed();
                }
            }
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
