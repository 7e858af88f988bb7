package io.bourse.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** How handling a message treats the trace in its metadata, on the OpenTelemetry SDK the services run. */
class MessageTracesTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            // As in the services: a message's sampled flag decides; nothing is sampled without one.
            .setSampler(Sampler.parentBased(Sampler.alwaysOff()))
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    exported.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            }))
            .build();
    private final MessageTraces traces = new MessageTraces(
            new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), event -> {
            }));
    private final TraceMetaData metaData = new TraceMetaData(traces);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aSampledTraceGetsASpanForTheHandlingAndWhatIsSentFromItNamesThatSpan() throws Exception {
        Message<?> message = event(Map.of(MessageTraces.TRACEPARENT, "00-" + TRACE + "-" + PARENT + "-01",
                MessageTraces.REQUEST_ID, "req-1"));
        AtomicReference<Map<String, Object>> sent = new AtomicReference<>();
        AtomicReference<String> logged = new AtomicReference<>();

        traces.handle(message, "placement ReservationRequested", () -> {
            sent.set(Map.copyOf(metaData.correlationDataFor(message)));
            logged.set(MDC.get(MessageTraces.REQUEST_ID));
            return null;
        });

        assertThat(exported).singleElement().satisfies(span -> {
            assertThat(span.getName()).isEqualTo("placement ReservationRequested");
            assertThat(span.getTraceId()).isEqualTo(TRACE);
            assertThat(span.getParentSpanId()).isEqualTo(PARENT);
            assertThat(sent.get()).containsEntry(MessageTraces.TRACEPARENT,
                    "00-" + TRACE + "-" + span.getSpanId() + "-01");
        });
        assertThat(sent.get()).containsEntry(MessageTraces.REQUEST_ID, "req-1");
        assertThat(logged.get()).isEqualTo("req-1");
        assertThat(MDC.get(MessageTraces.REQUEST_ID)).isNull();
    }

    @Test
    void aTraceThatIsNotSampledIsCarriedOnUnchangedAndCostsNoSpan() throws Exception {
        String traceparent = "00-" + TRACE + "-" + PARENT + "-00";
        Message<?> message = event(Map.of(MessageTraces.TRACEPARENT, traceparent));
        AtomicReference<String> logged = new AtomicReference<>();
        AtomicReference<Map<String, Object>> sent = new AtomicReference<>();

        traces.handle(message, "placement ReservationRequested", () -> {
            logged.set(MDC.get("traceId") + " " + MDC.get("spanId"));
            sent.set(Map.copyOf(metaData.correlationDataFor(message)));
            return null;
        });

        assertThat(exported).isEmpty();
        assertThat(logged.get()).isEqualTo(TRACE + " " + PARENT);
        assertThat(sent.get()).containsEntry(MessageTraces.TRACEPARENT, traceparent);
        assertThat(MDC.get("traceId")).isNull();
    }

    @Test
    void aMessageWithoutATraceOrWithAMalformedOneIsHandledOutsideAnyTrace() throws Exception {
        for (Message<?> message : List.of(event(Map.of()), event(Map.of(MessageTraces.TRACEPARENT, "not-a-trace")),
                event(Map.of(MessageTraces.TRACEPARENT, "00-" + TRACE + "-" + PARENT + "-zz")))) {
            AtomicReference<String> current = new AtomicReference<>("unset");
            Object result = traces.handle(message, "x", () -> {
                current.set(traces.currentTraceparent());
                return "handled";
            });
            assertThat(result).isEqualTo("handled");
            assertThat(current.get()).isNull();
        }
        assertThat(exported).isEmpty();
    }

    @Test
    void aFailedHandlingEndsItsSpanMarkedAsAnError() {
        Message<?> message = event(Map.of(MessageTraces.TRACEPARENT, "00-" + TRACE + "-" + PARENT + "-01"));

        try {
            traces.handle(message, "handle ReserveFunds", () -> {
                throw new IllegalStateException("refused");
            });
        } catch (Exception expected) {
            assertThat(expected).hasMessage("refused");
        }

        assertThat(exported).singleElement().satisfies(span ->
                assertThat(span.getStatus().getStatusCode().name()).isEqualTo("ERROR"));
    }

    private static Message<?> event(Map<String, ?> metaData) {
        return GenericEventMessage.asEventMessage("payload").andMetaData(metaData);
    }
}
