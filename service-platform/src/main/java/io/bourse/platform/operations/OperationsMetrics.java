package io.bourse.platform.operations;

import io.bourse.platform.axon.DeadLetterQueues;
import io.bourse.platform.commandbus.CommandTraffic;
import io.bourse.platform.commandbus.GroupCommitCommandBus;
import io.bourse.platform.commandbus.KafkaCommandBusConnector;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operator's gauges, read when scraped and never on the path of a message:
 * <ul>
 * <li>{@code bourse.processor.lag} (events behind the head of the source), {@code bourse.processor.running} and
 * {@code bourse.processor.error} (1 or 0), per processor;</li>
 * <li>{@code bourse.deadletters} per processing group with a dead-letter queue;</li>
 * <li>{@code bourse.sagas.open} per saga type;</li>
 * <li>{@code bourse.commands.pending}, and the counters {@code bourse.commands.sent}, {@code bourse.commands.failed}
 * and {@code bourse.commands.timed.out}, per destination service; {@code bourse.commands.queued} for the local
 * writer.</li>
 * </ul>
 * They are registered once the application is ready, when every processor exists.
 */
public class OperationsMetrics implements ApplicationListener<ApplicationReadyEvent> {

    private final MeterRegistry registry;
    private final EventProcessingConfiguration processing;
    private final ProcessorPositions positions;
    private final DeadLetterQueues queues;
    private final DeadLetterCounts deadLetters;
    private final JdbcTemplate jdbc;
    private final KafkaCommandBusConnector connector;
    private final GroupCommitCommandBus writer;
    private final Collection<String> destinations;

    public OperationsMetrics(MeterRegistry registry, EventProcessingConfiguration processing,
                             ProcessorPositions positions, DeadLetterQueues queues, DeadLetterCounts deadLetters,
                             JdbcTemplate jdbc, KafkaCommandBusConnector connector, GroupCommitCommandBus writer,
                             Collection<String> destinations) {
        this.registry = registry;
        this.processing = processing;
        this.positions = positions;
        this.queues = queues;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.connector = connector;
        this.writer = writer;
        this.destinations = destinations;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        for (Map.Entry<String, EventProcessor> processor : processing.eventProcessors().entrySet()) {
            String name = processor.getKey();
            EventProcessor eventProcessor = processor.getValue();
            Gauge.builder("bourse.processor.lag", positions, p -> orNaN(p.lag(name)))
                    .description("Events the processor's furthest-behind segment has yet to handle")
                    .tag("processor", name).register(registry);
            Gauge.builder("bourse.processor.running", eventProcessor, p -> p.isRunning() ? 1 : 0)
                    .tag("processor", name).register(registry);
            Gauge.builder("bourse.processor.error", eventProcessor, p -> p.isError() ? 1 : 0)
                    .tag("processor", name).register(registry);
        }
        for (String group : queues.groups()) {
            Gauge.builder("bourse.deadletters", deadLetters, d -> d.lettersByGroup().getOrDefault(group, 0L))
                    .description("Events the processing group has parked")
                    .tag("group", group).register(registry);
        }
        processing.sagaConfigurations().forEach(saga -> {
            String type = saga.type().getName();
            Gauge.builder("bourse.sagas.open", jdbc, j -> openSagas(j, type))
                    .description("Sagas of the type that have started and not ended")
                    .tag("type", saga.type().getSimpleName()).register(registry);
        });
        for (String destination : destinations) {
            Gauge.builder("bourse.commands.pending", connector,
                            c -> traffic(c, destination, CommandTraffic.Destination::pending))
                    .description("Commands sent to the service that wait for its reply")
                    .tag("destination", destination).register(registry);
            counter("bourse.commands.sent", destination, CommandTraffic.Destination::sent);
            counter("bourse.commands.failed", destination, CommandTraffic.Destination::failed);
            counter("bourse.commands.timed.out", destination, CommandTraffic.Destination::timedOut);
        }
        Gauge.builder("bourse.commands.queued", writer, GroupCommitCommandBus::queued)
                .description("Commands waiting for this service's command writer").register(registry);
    }

    private void counter(String name, String destination, ToLongFunction<CommandTraffic.Destination> count) {
        FunctionCounter.builder(name, connector, c -> traffic(c, destination, count))
                .tag("destination", destination).register(registry);
    }

    private static double traffic(KafkaCommandBusConnector connector, String destination,
                                  ToLongFunction<CommandTraffic.Destination> count) {
        CommandTraffic.Destination traffic = connector.traffic().get(destination);
        return traffic == null ? 0 : count.applyAsLong(traffic);
    }

    private static double openSagas(JdbcTemplate jdbc, String type) {
        Long open = jdbc.queryForObject("select count(*) from saga_entry where saga_type = ?", Long.class, type);
        return open == null ? 0 : open;
    }

    private static double orNaN(Long value) {
        return value == null ? Double.NaN : value;
    }
}
