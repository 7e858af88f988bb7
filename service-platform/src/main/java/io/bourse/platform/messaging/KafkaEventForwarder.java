package io.bourse.platform.messaging;

import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

/**
 * Forwards this service's stored events to its Kafka events topic (the outbox): it runs in a tracking processor,
 * so it only ever sees committed events, and its position advances only after Kafka acknowledged every event of
 * the batch. A crash in between publishes the batch again, which consumers tolerate.
 * <p>
 * The sends of a batch are pipelined and their acknowledgements awaited once, before the processor commits its
 * token: one round trip per batch instead of one per event.
 * <p>
 * It tells its processor which events it forwards, by payload type, so the processor passes over the others
 * without deserializing them or opening a unit of work for them: most of what a service stores stays inside it.
 */
public class KafkaEventForwarder implements EventMessageHandler {

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

    @Override
    public Object handle(EventMessage<?> event) {
        BeforeCommit.await(acknowledgements, producer.send(converter.createKafkaMessage(event, topic)),
                ackTimeout);
        return null;
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return canHandleType(event.getPayloadType());
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return published.isEmpty() || published.contains(payloadType.getSimpleName());
    }

    /** What was published stays published: a replay would send every event to the consumers a second time. */
    @Override
    public boolean supportsReset() {
        return false;
    }
}
