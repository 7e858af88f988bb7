package io.bourse.platform.axon;

import io.bourse.events.order.TradeExecuted;
import io.bourse.events.settlement.SettlementStarted;
import io.bourse.platform.serialization.Serialization;
import io.bourse.platform.upcasting.ReservationIdsUpcaster;
import io.bourse.platform.web.IdempotentRequests;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.axonframework.springboot.autoconfig.TransactionAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.IdGenerator;
import org.springframework.util.JdkIdGenerator;

/**
 * Axon on PostgreSQL through its JDBC storage engine, with Jackson everywhere and the snake_case tables that
 * Flyway creates (db/platform).
 * <p>
 * Axon's own JDBC and transaction auto-configurations order themselves after Spring Boot 3 class names; on Boot 4
 * they would run before the DataSource exists and Axon would quietly fall back to a no-op transaction manager.
 * Running this configuration after Boot's DataSource and before Axon's fixes the order, and the beans here are the
 * ones Axon's configurations then build on.
 */
@AutoConfiguration(
        after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        before = {JdbcAutoConfiguration.class, TransactionAutoConfiguration.class, NoOpTransactionAutoConfiguration.class,
                JpaAutoConfiguration.class, JpaEventStoreAutoConfiguration.class, AxonAutoConfiguration.class})
public class AxonPostgresAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    @Primary
    @Qualifier("serializer")
    public Serializer serializer() {
        return Serialization.serializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return Serialization.serializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return Serialization.serializer();
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeys();
    }

    /** Axon's JDBC event store as Axon's own configuration builds it, with timestamps written faster. */
    @Bean
    @ConditionalOnMissingBean({EventStorageEngine.class, EventStore.class})
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, EventSchema eventSchema) {
        return new PostgresEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema));
    }

    @Bean
    @ConditionalOnMissingBean
    public NewStreams newStreams(JdbcTemplate jdbcTemplate, EventSchema eventSchema) {
        return new NewStreams(jdbcTemplate, eventSchema);
    }

    /** Parts of a stream, such as one order's events in its book's (see {@link StreamEvents}). */
    @Bean
    @ConditionalOnMissingBean
    public StreamEvents streamEvents(JdbcTemplate jdbcTemplate, EventSchema eventSchema,
                                     @Qualifier("eventSerializer") Serializer eventSerializer,
                                     org.axonframework.config.Configuration configuration) {
        return new StreamEvents(jdbcTemplate, eventSchema, eventSerializer, configuration);
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build());
    }

    /**
     * Sagas in PostgreSQL, with the ones in use kept in memory (see {@link CachedSagaStore}): a saga that lives for a
     * trade is read once, not at each of its events.
     */
    @Bean
    @ConditionalOnMissingBean(SagaStore.class)
    public CachedSagaStore sagaStore(ConnectionProvider connectionProvider, Serializer serializer,
                                     SagaSqlSchema sagaSqlSchema,
                                     @Value("${bourse.sagas.cached:10000}") long cachedSagas) {
        return new CachedSagaStore(JdbcSagaStore.builder().connectionProvider(connectionProvider)
                .sqlSchema(sagaSqlSchema).serializer(serializer).build(), cachedSagas);
    }

    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** Failed events are parked per processing group and aggregate; see {@link DeadLetterQueues}. */
    @Bean
    public DeadLetterQueues deadLetterQueues(ConfigurableListableBeanFactory beans,
                                             ConnectionProvider connectionProvider,
                                             TransactionManager transactionManager, DeadLetterSchema schema,
                                             @Qualifier("eventSerializer") Serializer eventSerializer,
                                             Serializer serializer) {
        return new DeadLetterQueues(beans, connectionProvider, transactionManager, schema, eventSerializer,
                serializer);
    }

    /**
     * Snapshots are taken from the aggregate in memory when a command crosses its trigger's threshold, and stored
     * after the command commits on a thread of their own (see {@link InMemorySnapshotter}).
     */
    @Bean
    @Primary
    @ConditionalOnMissingBean(InMemorySnapshotter.class)
    public InMemorySnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    EventStorageEngine storageEngine, Serializer serializer,
                                                    SpringAggregateSnapshotter reloadingSnapshotter,
                                                    @Qualifier("snapshotWriter") ExecutorService snapshotWriter) {
        return new InMemorySnapshotter(configuration::repository, storageEngine, serializer, reloadingSnapshotter,
                snapshotWriter);
    }

    /** Axon's snapshotter, which loads the aggregate again: for a snapshot asked for outside a command. */
    @Bean
    public SpringAggregateSnapshotter reloadingSnapshotter(
            org.axonframework.config.Configuration configuration, HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory, EventStore eventStore,
            TransactionManager transactionManager, @Qualifier("snapshotWriter") ExecutorService snapshotWriter) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .executor(snapshotWriter)
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    @Qualifier("snapshotWriter")
    public ExecutorService snapshotWriter() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aggregate-snapshotter");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Trades and settlements stored before their events named the holds of both sides (revision 1). */
    @Bean
    public EventUpcaster tradeExecutedReservationIds() {
        return new ReservationIdsUpcaster(TradeExecuted.class, "1", "2");
    }

    @Bean
    public EventUpcaster settlementStartedReservationIds() {
        return new ReservationIdsUpcaster(SettlementStarted.class, "1", "2");
    }

    /** Every aggregate's commands find their target through members looked up once per command type. */
    @Bean
    @ConditionalOnMissingBean
    public CommandTargetResolver commandTargetResolver() {
        return new CachedCommandTargetResolver();
    }

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The ids the API hands out (accounts, orders, transactions): random UUIDs from the JVM's cryptographically strong
     * source, so that no id can be guessed from another.
     */
    @Bean
    @ConditionalOnMissingBean
    public IdGenerator idGenerator() {
        return new JdkIdGenerator();
    }

    @Bean
    @ConditionalOnMissingBean
    public IdempotentRequests idempotentRequests(JdbcTemplate jdbcTemplate, IdGenerator idGenerator,
                                                 PlatformTransactionManager transactionManager) {
        return new IdempotentRequests(jdbcTemplate, idGenerator, transactionManager);
    }
}
