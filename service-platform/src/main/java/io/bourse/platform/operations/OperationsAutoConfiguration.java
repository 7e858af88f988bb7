package io.bourse.platform.operations;

import io.bourse.platform.axon.DeadLetterQueues;
import io.bourse.platform.commandbus.GroupCommitCommandBus;
import io.bourse.platform.commandbus.KafkaCommandBusAutoConfiguration;
import io.bourse.platform.commandbus.KafkaCommandBusConnector;
import io.bourse.platform.messaging.KafkaMessagingAutoConfiguration;
import io.bourse.platform.messaging.MessagingProperties;
import io.bourse.platform.messaging.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * What an operator of an event-sourced service needs beside health and metrics, the same in every service: the
 * actuator endpoints {@code eventprocessors}, {@code deadletters}, {@code sagas} and {@code commandbus}, automatic
 * retries of dead letters, and the gauges behind them. Reading needs the operator role, acting the admin role (see
 * the security configuration).
 */
@AutoConfiguration(after = {KafkaMessagingAutoConfiguration.class, KafkaCommandBusAutoConfiguration.class})
@EnableConfigurationProperties(OperationsProperties.class)
@EnableScheduling
public class OperationsAutoConfiguration {

    @Bean
    public ProcessorPositions processorPositions(JdbcTemplate jdbc, Serializer serializer, EventStore eventStore,
                                                 AdminClient bourseKafkaAdmin, MessagingProperties messaging,
                                                 Clock clock) {
        Set<String> consumed = messaging.getConsumes().stream().filter(service -> !service.isBlank())
                .map(Topics::events).collect(Collectors.toSet());
        return new ProcessorPositions(jdbc, serializer, eventStore, bourseKafkaAdmin, consumed, clock);
    }

    @Bean
    public DeadLetterCounts deadLetterCounts(JdbcTemplate jdbc, Clock clock) {
        return new DeadLetterCounts(jdbc, clock);
    }

    @Bean
    public DeadLetterRetries deadLetterRetries(org.axonframework.config.Configuration axon, DeadLetterQueues queues,
                                               Clock clock, OperationsProperties properties) {
        return new DeadLetterRetries(axon.eventProcessingConfiguration(), queues, clock,
                properties.getDeadLetters().getAutomaticRetries(),
                properties.getDeadLetters().getSequencesPerRound());
    }

    @Bean
    public EventProcessorsEndpoint eventProcessorsEndpoint(org.axonframework.config.Configuration axon,
                                                           ProcessorPositions positions, DeadLetterQueues queues,
                                                           DeadLetterCounts counts) {
        return new EventProcessorsEndpoint(axon.eventProcessingConfiguration(), positions, queues, counts);
    }

    @Bean
    public DeadLettersEndpoint deadLettersEndpoint(org.axonframework.config.Configuration axon,
                                                   DeadLetterQueues queues, DeadLetterCounts counts,
                                                   JdbcTemplate jdbc, TransactionManager transactionManager,
                                                   DeadLetterRetries retries) {
        return new DeadLettersEndpoint(axon.eventProcessingConfiguration(), queues, counts, jdbc,
                transactionManager, retries);
    }

    @Bean
    public SagasEndpoint sagasEndpoint(JdbcTemplate jdbc, org.axonframework.config.Configuration axon,
                                       ObjectProvider<SagaLifetime> lifetimes, OperationsProperties properties,
                                       Clock clock) {
        return new SagasEndpoint(jdbc, axon.eventProcessingConfiguration(), lifetimes.orderedStream().toList(),
                properties.getSagas().getMaxOpen(), clock);
    }

    @Bean
    public CommandBusEndpoint commandBusEndpoint(KafkaCommandBusConnector connector,
                                                 @Qualifier("localSegment") GroupCommitCommandBus writer) {
        return new CommandBusEndpoint(connector, writer);
    }

    /**
     * Handling times of every event processor, the command bus and the query bus ({@link HandlingTimers}), unless
     * Axon's own Micrometer module is switched on instead ({@code axon.metrics.auto-configuration.enabled}).
     */
    @Bean
    @ConditionalOnProperty(value = "axon.metrics.auto-configuration.enabled", havingValue = "false",
            matchIfMissing = true)
    public ConfigurerModule handlingTimers(MeterRegistry registry) {
        return configurer -> {
            configurer.configureMessageMonitor(EventProcessor.class,
                    (config, type, name) -> new HandlingTimers(registry, name));
            configurer.configureMessageMonitor(CommandBus.class,
                    (config, type, name) -> new HandlingTimers(registry, "commandBus"));
            configurer.configureMessageMonitor(QueryBus.class,
                    (config, type, name) -> new HandlingTimers(registry, "queryBus"));
        };
    }

    @Bean
    public OperationsMetrics operationsMetrics(MeterRegistry registry, org.axonframework.config.Configuration axon,
                                               ProcessorPositions positions, DeadLetterQueues queues,
                                               DeadLetterCounts counts, JdbcTemplate jdbc,
                                               KafkaCommandBusConnector connector,
                                               @Qualifier("localSegment") GroupCommitCommandBus writer,
                                               MessagingProperties messaging) {
        List<String> destinations = messaging.getCommandOwners().values().stream().distinct()
                .filter(owner -> !owner.equals(messaging.getService())).sorted().toList();
        return new OperationsMetrics(registry, axon.eventProcessingConfiguration(), positions, queues, counts, jdbc,
                connector, writer, destinations);
    }
}
