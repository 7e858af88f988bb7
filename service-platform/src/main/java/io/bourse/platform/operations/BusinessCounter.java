package io.bourse.platform.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.ReplayStatus;

/**
 * A business counter kept by a projection as it handles events ({@code bourse.orders{outcome=filled}}): live events
 * count, replayed ones do not, so a rebuilt read model never counts its history twice. A batch that is retried after
 * a failure counts again, so the counters are at least, not exactly, the events handled.
 */
public final class BusinessCounter {

    private final MeterRegistry registry;
    private final String name;
    private final String tag;
    private final String description;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public BusinessCounter(MeterRegistry registry, String name, String tag, String description) {
        this.registry = registry;
        this.name = name;
        this.tag = tag;
        this.description = description;
    }

    public void count(String value, ReplayStatus replay) {
        if (!replay.isReplay()) {
            counters.computeIfAbsent(value, v -> Counter.builder(name).description(description).tag(tag, v)
                    .register(registry)).increment();
        }
    }
}
