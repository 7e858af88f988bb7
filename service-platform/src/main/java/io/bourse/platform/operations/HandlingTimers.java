package io.bourse.platform.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * How long each component (an event processor, the command bus, the query bus) takes to handle each type of message,
 * as the timer {@code bourse.messages.handled{component, payload_type, outcome}}, a Prometheus histogram.
 * <p>
 * This is what Axon's Micrometer module measures, at a fraction of its cost: that module builds and looks up some ten
 * meters per message (timers, counters and gauges, by name and tags) and doubled the CPU an order costs here (see
 * docs/PERFORMANCE.md). Here each component keeps its two timers per payload type in a map, so a message costs one
 * lookup by class, one clock read and one record. Messages a processor reads but has no handler for are not timed:
 * they are most of its stream and say nothing about it. How many messages were handled is the timer's count.
 */
public final class HandlingTimers implements MessageMonitor<Message<?>> {

    static final String METER = "bourse.messages.handled";

    private final MeterRegistry registry;
    private final String component;
    private final Map<Class<?>, Outcomes> byType = new ConcurrentHashMap<>();

    public HandlingTimers(MeterRegistry registry, String component) {
        this.registry = registry;
        this.component = component;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        long started = System.nanoTime();
        Class<?> type = message.getPayloadType();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                outcomes(type).succeeded.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }

            @Override
            public void reportFailure(Throwable cause) {
                outcomes(type).failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }

            @Override
            public void reportIgnored() {
            }
        };
    }

    private Outcomes outcomes(Class<?> type) {
        Outcomes outcomes = byType.get(type);
        return outcomes != null ? outcomes : byType.computeIfAbsent(type, this::register);
    }

    private Outcomes register(Class<?> type) {
        return new Outcomes(timer(type, "success"), timer(type, "failure"));
    }

    private Timer timer(Class<?> type, String outcome) {
        return Timer.builder(METER)
                .description("Time to handle a message, by component and payload type")
                .tag("component", component).tag("payload_type", type.getSimpleName()).tag("outcome", outcome)
                .register(registry);
    }

    private record Outcomes(Timer succeeded, Timer failed) {
    }
}
