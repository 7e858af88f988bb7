package io.bourse.platform.commandbus;

import io.bourse.platform.messaging.KafkaClients;
import io.bourse.platform.messaging.KafkaMessagingAutoConfiguration;
import io.bourse.platform.messaging.MessagingProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.commandhandling.distributed.UnresolvedRoutingKeyPolicy;
import org.axonframework.common.caching.Cache;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Axon's distributed command bus with Kafka as its transport; Axon's simple command bus is the local segment. */
@AutoConfiguration(after = KafkaMessagingAutoConfiguration.class, before = AxonAutoConfiguration.class)
public class KafkaCommandBusAutoConfiguration {

    @Bean
    public RoutingStrategy routingStrategy() {
        return AnnotationRoutingStrategy.builder()
                .fallbackRoutingStrategy(UnresolvedRoutingKeyPolicy.RANDOM_KEY)
                .build();
    }

    /**
     * The local segment: Axon's simple command bus, built as Axon's auto-configuration would, behind a single writer
     * that commits queued commands in groups.
     */
    @Bean
    @Qualifier("localSegment")
    public GroupCommitCommandBus localSegment(MessagingProperties properties, TransactionManager transactionManager,
                                              org.axonframework.config.Configuration axon,
                                              DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus simple = SimpleCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        simple.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return new GroupCommitCommandBus(properties.getService(), simple, transactionManager,
                properties.getCommandQueueCapacity(), properties.getCommandBatchSize());
    }

    @Bean
    public KafkaCommandRouter kafkaCommandRouter(MessagingProperties properties) {
        return new KafkaCommandRouter(properties.getService(), properties.getCommandOwners());
    }

    @Bean
    public KafkaCommandBusConnector kafkaCommandBusConnector(
            MessagingProperties properties, @Qualifier("localSegment") CommandBus localSegment,
            Producer<String, byte[]> bourseKafkaProducer, @Qualifier("messageSerializer") Serializer serializer,
            RoutingStrategy routingStrategy, KafkaClients clients, ObjectProvider<Cache> caches,
            ObjectProvider<ReplyScope> replyScope, MeterRegistry meterRegistry) {
        List<Cache> aggregateCaches = caches.orderedStream().toList();
        return new KafkaCommandBusConnector(properties.getService(), localSegment, bourseKafkaProducer, serializer,
                routingStrategy, clients, properties.getCommandTimeout(), properties.getCommandConcurrency(),
                aggregateCaches, replyScope.getIfAvailable(() -> ReplyScope.NONE), meterRegistry);
    }

    /**
     * Axon's gateway, except that a command sent without waiting whose answer is a refusal or "no such aggregate"
     * (a sender's question, such as whose an account is) is not logged as a warning: it is an answer, not a fault.
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).commandCallback(new ExpectedFailures()).build();
    }

    @Bean
    @Primary
    public DistributedCommandBus distributedCommandBus(KafkaCommandRouter kafkaCommandRouter,
                                                       KafkaCommandBusConnector kafkaCommandBusConnector) {
        return DistributedCommandBus.builder()
                .commandRouter(kafkaCommandRouter)
                .connector(kafkaCommandBusConnector)
                .build();
    }
}
