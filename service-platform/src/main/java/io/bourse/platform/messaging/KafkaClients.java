package io.bourse.platform.messaging;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Client settings shared by every producer, consumer and admin client of the platform: where the brokers are and how
 * to authenticate to them (Spring Boot's {@code spring.kafka.security.protocol}, {@code spring.kafka.ssl.*} key and
 * trust stores, and {@code spring.kafka.properties.*}, e.g. SASL/SCRAM), string keys, byte payloads.
 */
public final class KafkaClients {

    private final Map<String, Object> common;

    public KafkaClients(KafkaConnectionDetails connection, KafkaProperties kafka) {
        Map<String, Object> settings = new HashMap<>(kafka.getProperties());
        settings.putAll(kafka.getSsl().buildProperties());
        settings.putAll(kafka.getSecurity().buildProperties());
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", connection.getBootstrapServers()));
        this.common = Map.copyOf(settings);
    }

    public Map<String, Object> producer(String clientId) {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A record waits at most 1 ms for companions: batching under load without a visible delay when idle.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return config;
    }

    public Map<String, Object> consumer(String groupId) {
        Map<String, Object> config = new HashMap<>(common);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    public Map<String, Object> admin() {
        return common;
    }
}
