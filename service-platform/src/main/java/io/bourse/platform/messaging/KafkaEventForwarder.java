package io.bourse.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Forwards this service's stored events to its Kafka events topic (the outbox): it runs in a tracking processor,
 * so it only ever sees committed events, and its position advances only after Kafka acknowledged every event of
 * the batch. A crash in between publishes the batch again, which consumers tolerate.
 * <p>
 * The sends of a batch are pipelined and their acknowledgements awaited once, before the processor commits its
 * token: one round trip per batch instead of one per event.
 */
public class KafkaEventForwarder {

    public static final String PROCESSING_GROUP = "kafka-event-forwarder";
    private static final String PENDING = KafkaEventForwarder.class.getName() + ".pending";

    private final Producer<String, byte[]> producer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final String topic;
    private final long ackTimeoutMillis;

    public KafkaEventForwarder(Producer<String, byte[]> producer, KafkaMessageConverter<String, byte[]> converter,
                               String topic, long ackTimeoutMillis) {
        this.producer = producer;
        this.converter = converter;
        this.topic = topic;
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    @EventHandler
    public void forward(EventMessage<?> event) {
        Future<RecordMetadata> ack = producer.send(converter.createKafkaMessage(event, topic));
        pendingAcks().add(ack);
    }

    private List<Future<RecordMetadata>> pendingAcks() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAll(pending));
            return pending;
        });
    }

    private void awaitAll(List<Future<RecordMetadata>> pending) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
        try {
            for (Future<RecordMetadata> ack : pending) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventForwardingException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventForwardingException("Kafka did not acknowledge the events of topic " + topic, e);
        }
    }

    /** Fails the batch, so the processor retries it from its last committed position. */
    public static class EventForwardingException extends RuntimeException {
        EventForwardingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
