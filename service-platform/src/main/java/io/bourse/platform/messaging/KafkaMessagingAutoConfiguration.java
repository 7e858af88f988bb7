package io.bourse.platform.messaging;

import io.bourse.platform.axon.AxonPostgresAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.AsyncFetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.DefaultConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Events over Kafka: this service's committed events go to its events topic, and the topics of the services it
 * consumes are readable by tracking processors as {@code remoteEvents}, with the Kafka offsets kept in Axon's tokens
 * in the same transaction as the handlers' work. A service's own events never make that detour: its processors read
 * them from its event store, which wakes them on commit.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, AxonPostgresAutoConfiguration.class})
@EnableConfigurationProperties(MessagingProperties.class)
public class KafkaMessagingAutoConfiguration {

    public static final String REMOTE_EVENTS = "remoteEvents";

    @Bean
    public KafkaAdmin.NewTopics bourseTopics(MessagingProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        List<String> services = new ArrayList<>(properties.getCommandOwners().values());
        services.addAll(properties.getConsumes());
        services.add(properties.getService());
        for (String service : services.stream().distinct().toList()) {
            topics.add(topic(Topics.events(service), properties));
            topics.add(topic(Topics.commands(service), properties));
            topics.add(topic(Topics.replies(service), properties));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, MessagingProperties properties) {
        return TopicBuilder.name(name).partitions(properties.getPartitions())
                .replicas(properties.getReplicationFactor()).build();
    }

    @Bean
    public KafkaMessageConverter<String, byte[]> kafkaMessageConverter(
            @Qualifier("eventSerializer") Serializer eventSerializer, org.axonframework.config.Configuration axon) {
        return DefaultKafkaMessageConverter.builder()
                .serializer(eventSerializer)
                .upcasterChain(axon.upcasterChain() != null ? axon.upcasterChain() : new EventUpcasterChain())
                .build();
    }

    @Bean
    public KafkaClients bourseKafkaClients(KafkaConnectionDetails connection, KafkaProperties kafka) {
        return new KafkaClients(connection, kafka);
    }

    @Bean(destroyMethod = "close")
    public Producer<String, byte[]> bourseKafkaProducer(KafkaClients clients, MessagingProperties properties,
                                                        MeterRegistry meterRegistry) {
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(clients.producer("bourse-" + properties.getService()));
        new KafkaClientMetrics(producer).bindTo(meterRegistry);
        return producer;
    }

    @Bean
    public ConfigurerModule kafkaEventForwarding(Producer<String, byte[]> bourseKafkaProducer,
                                                 ObjectProvider<KafkaMessageConverter<String, byte[]>> converter,
                                                 MessagingProperties properties) {
        String group = KafkaEventForwarder.PROCESSING_GROUP;
        if (!properties.isPublishEvents()) {
            return configurer -> {
            };
        }
        return configurer -> configurer.eventProcessing()
                .registerEventHandler(c -> new KafkaEventForwarder(bourseKafkaProducer, converter.getObject(),
                        Topics.events(properties.getService()), properties.getCommandTimeout(),
                        properties.getPublishedEvents()))
                .assignHandlerInstancesMatching(group, Integer.MAX_VALUE, KafkaEventForwarder.class::isInstance)
                .registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance())
                // An explicit start at the tail, so events stored before the forwarder first ran are sent too.
                .registerTrackingEventProcessor(group, c -> c.eventStore(), c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing()
                        .andBatchSize(properties.getPublisherBatchSize())
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }

    /**
     * Every tracking processor handles up to a batch of events per transaction: one token update and one commit per
     * batch rather than per event, which is what decides throughput here. Handlers are idempotent, so a batch
     * retried after a failure changes nothing twice.
     */
    @Bean
    public ConfigurerModule batchedEventProcessing(MessagingProperties properties) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(properties.getProcessorBatchSize()));
    }

    @Bean(destroyMethod = "shutdown")
    @Lazy
    public Fetcher<String, byte[], KafkaEventMessage> kafkaFetcher() {
        return AsyncFetcher.<String, byte[], KafkaEventMessage>builder().pollTimeout(1000).build();
    }

    /**
     * The events of the services this one consumes, read from Kafka; made only for a processor that names it, so a
     * service that consumes nothing opens no consumer.
     */
    @Bean(REMOTE_EVENTS)
    @Lazy
    public StreamableKafkaMessageSource<String, byte[]> remoteEvents(
            KafkaClients clients, MessagingProperties properties,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Fetcher<String, byte[], KafkaEventMessage> kafkaFetcher,
            KafkaMessageConverter<String, byte[]> kafkaMessageConverter) {
        List<String> topics = properties.getConsumes().stream().filter(service -> !service.isBlank())
                .map(Topics::events).toList();
        if (topics.isEmpty()) {
            throw new IllegalStateException("a processor reads " + REMOTE_EVENTS + ", but bourse.messaging.consumes"
                    + " names no service");
        }
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(topics)
                .serializer(eventSerializer)
                .consumerFactory(new DefaultConsumerFactory<>(clients.consumer(null)))
                .fetcher(kafkaFetcher)
                .messageConverter(kafkaMessageConverter)
                .bufferFactory(() -> new SortedKafkaMessageBuffer<>(10_000))
                .build();
    }

    /** One admin client for the health probes, kept open: a probe every few seconds need not reconnect each time. */
    @Bean(destroyMethod = "close")
    public AdminClient bourseKafkaAdmin(KafkaClients clients) {
        Map<String, Object> config = new HashMap<>(clients.admin());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "bourse-health");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        return AdminClient.create(config);
    }

    @Bean
    public AbstractHealthIndicator kafkaHealthIndicator(AdminClient bourseKafkaAdmin) {
        return new AbstractHealthIndicator("Kafka is not reachable") {
            @Override
            protected void doHealthCheck(Health.Builder builder) throws Exception {
                DescribeClusterResult cluster = bourseKafkaAdmin.describeCluster();
                int nodes = cluster.nodes().get(2, TimeUnit.SECONDS).size();
                builder.up().withDetail("clusterId", cluster.clusterId().get(2, TimeUnit.SECONDS))
                        .withDetail("nodes", nodes);
            }
        };
    }
}
