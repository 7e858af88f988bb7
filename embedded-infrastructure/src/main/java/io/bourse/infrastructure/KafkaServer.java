package io.bourse.infrastructure;

/** A running Kafka broker. */
public interface KafkaServer extends AutoCloseable {

    String bootstrapServers();

    @Override
    void close();
}
