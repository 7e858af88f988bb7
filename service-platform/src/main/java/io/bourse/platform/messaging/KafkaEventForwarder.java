package io.bourse.platform.messaging;

import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

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

    private final Producer<String, byte[]> producer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final String topic;
    private final String acknowledgements;
    private final Duration ackTimeout;
    private final Set<String> published;

    /** {@code published} holds the simple class names of the events to forward; empty forwards all. */
    public KafkaEventForwarder(Producer<String, byte[]> producer, KafkaMessageConverter<String, byte[]> converter,
                               String topic, Duration ackTimeout, Set<String> published) {
        this.producer = producer;
        this.converter = converter;
        this.topic = topic;
        this.acknowledgements = "Kafka's acknowledgements on " + topic;
        this.ackTimeout = ackTimeout;
        this.published = Set.copyOf(published);
    }

    @EventHandler
    public void forward(EventMessage<?> event) {
        if (!published.isEmpty() && !published.contains(event.getPayloadType().getSimpleName())) {
            return;
        }
        BeforeCommit.await(acknowledgements, producer.send(converter.createKafkaMessage(event, topic)),
                ackTimeout);
    }
}
