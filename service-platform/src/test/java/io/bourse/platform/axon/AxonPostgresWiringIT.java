package io.bourse.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.events.order.TradeExecuted;
import io.bourse.platform.testapp.TestServices;
import io.bourse.platform.testapp.beta.BetaApplication;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Guards the wiring that silently falls apart on Spring Boot 4 if the auto-configuration order slips. */
class AxonPostgresWiringIT {

    static ConfigurableApplicationContext service;

    @BeforeAll
    static void start() {
        service = TestServices.start(BetaApplication.class, "wiring", Map.of());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void eventsTokensAndSagasAreStoredInPostgresThroughSpringTransactions() {
        org.axonframework.config.Configuration axon = service.getBean(org.axonframework.config.Configuration.class);

        assertThat(service.getBean(EventStorageEngine.class)).isInstanceOf(PostgresEventStorageEngine.class);
        assertThat(service.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
        assertThat(service.getBean(SagaStore.class)).isInstanceOf(CachedSagaStore.class);
        assertThat(axon.getComponent(TransactionManager.class)).isInstanceOf(SpringTransactionManager.class);
        assertThat(axon.getComponent(CommandTargetResolver.class)).isInstanceOf(CachedCommandTargetResolver.class);
    }

    @Test
    void eventsStoredAtAnOlderRevisionAreUpcastForTheStoreAndForKafka() {
        org.axonframework.config.Configuration axon = service.getBean(org.axonframework.config.Configuration.class);
        Serializer serializer = service.getBean(Serializer.class);
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("OrderBook", "ACME", 0, "event-1",
                Instant.parse("2026-03-02T09:30:00Z"), TradeExecuted.class.getName(), "1",
                "{\"buyOrderId\":\"b-1\",\"sellOrderId\":\"s-1\"}".getBytes(StandardCharsets.UTF_8),
                serializer.serialize(MetaData.emptyInstance(), byte[].class).getData());

        // The one chain the event store and the Kafka message converter both read through.
        IntermediateEventRepresentation upcast = axon.upcasterChain()
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).findFirst().orElseThrow();

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
    }

    @Test
    void theEventStoreReadsThroughTheUpcastersAndRefusesASecondEventAtTheSameSequence() {
        EventStorageEngine engine = service.getBean(EventStorageEngine.class);
        Serializer serializer = service.getBean(Serializer.class);
        String book = "WIRING-" + System.nanoTime();
        service.getBean(JdbcTemplate.class).update("""
                insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                values (?, 0, 'OrderBook', ?, ?, ?, '1', ?, '2026-03-02T09:30:00.000Z')""", book, book + "-0",
                serializer.serialize(MetaData.emptyInstance(), byte[].class).getData(),
                "{\"buyOrderId\":\"b-1\",\"sellOrderId\":\"s-1\"}".getBytes(StandardCharsets.UTF_8),
                TradeExecuted.class.getName());

        DomainEventMessage<?> read = engine.readEvents(book).next();

        assertThat(((TradeExecuted) read.getPayload()).buyReservationId()).isEqualTo("b-1");
        assertThat(read.getTimestamp()).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
        DomainEventMessage<String> again = new GenericDomainEventMessage<>("OrderBook", book, 0, "a second first");
        assertThatThrownBy(() -> engine.appendEvents(again)).isInstanceOf(AggregateStreamCreationException.class);
        DomainEventMessage<String> next = new GenericDomainEventMessage<>("OrderBook", book, 1, "the next");
        engine.appendEvents(next);
        assertThat(engine.readEvents(book).asStream().map(DomainEventMessage::getTimestamp).toList().get(1))
                .isEqualTo(next.getTimestamp().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void aBatchReadsNothingForTheStreamsItFoundEmptyAndStillReadsTheOthers() {
        EventStorageEngine engine = service.getBean(EventStorageEngine.class);
        NewStreams newStreams = service.getBean(NewStreams.class);
        String stored = "STORED-" + System.nanoTime();
        String fresh = "FRESH-" + System.nanoTime();
        engine.appendEvents(new GenericDomainEventMessage<>("Ledger", stored, 0, "opened"));
        BatchingUnitOfWork<?> batch = new BatchingUnitOfWork<>(List.of(GenericEventMessage.asEventMessage(stored),
                GenericEventMessage.asEventMessage(fresh)));

        batch.start();
        newStreams.findInBatch(message -> (String) message.getPayload());
        // Appended behind the batch's back: the batch, which found the stream empty, does not look again.
        engine.appendEvents(new GenericDomainEventMessage<>("Ledger", fresh, 0, "opened elsewhere"));

        assertThat(engine.readEvents(fresh).asStream()).isEmpty();
        assertThat(engine.readSnapshot(fresh)).isEmpty();
        assertThat(engine.readEvents(stored).asStream().<Object>map(DomainEventMessage::getPayload))
                .containsExactly("opened");
        batch.commit();

        assertThat(engine.readEvents(fresh).asStream().<Object>map(DomainEventMessage::getPayload))
                .as("outside that batch")
                .containsExactly("opened elsewhere");
    }

    @Test
    void everySerializerIsJackson() {
        assertThat(service.getBeansOfType(Serializer.class).values())
                .hasSize(3)
                .allSatisfy(serializer -> assertThat(serializer).isInstanceOf(JacksonSerializer.class));
    }

    @Test
    void flywayCreatedAxonsTables() {
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForList("select table_name from information_schema.tables where table_schema = 'public'",
                String.class)).contains("domain_event_entry", "snapshot_event_entry", "token_entry", "saga_entry",
                "association_value_entry", "dead_letter_entry", "idempotency_key", "flyway_schema_history");
    }
}
