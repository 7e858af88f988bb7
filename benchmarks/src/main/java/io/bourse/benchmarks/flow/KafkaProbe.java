package io.bourse.benchmarks.flow;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The stack's Kafka broker, seen from outside: how many records its topics hold, and how fast it can carry records
 * from a producer to a consumer at most (through a scratch topic that it creates and deletes).
 */
final class KafkaProbe implements AutoCloseable {

    static final String SCRATCH_PREFIX = "bourse-bench-";

    /** Records ever written, summed over the end offsets of every partition: application and internal topics. */
    record Offsets(long application, long internal) {

        Offsets minus(Offsets before) {
            return new Offsets(application - before.application, internal - before.internal);
        }
    }

    record ProduceCeiling(long records, int recordBytes, double producedPerSecond, double consumedPerSecond,
                          double seconds) {
    }

    private final String bootstrap;
    private final Admin admin;

    KafkaProbe(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        this.admin = Admin.create(properties);
    }

    Offsets offsets() throws Exception {
        Map<String, TopicListing> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                .namesToListings().get(20, TimeUnit.SECONDS);
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics.keySet()).allTopicNames()
                .get(20, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.values().forEach(topic -> topic.partitions().forEach(
                partition -> latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        long application = 0;
        long internal = 0;
        for (var entry : admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS).entrySet()) {
            String topic = entry.getKey().topic();
            if (topics.get(topic).isInternal() || topic.startsWith("__")) {
                internal += entry.getValue().offset();
            } else {
                application += entry.getValue().offset();
            }
        }
        return new Offsets(application, internal);
    }

    /** Records of the given size sent with acks=all into one partition, until a consumer has read them all. */
    ProduceCeiling produceCeiling(int records, int recordBytes) throws Exception {
        String topic = SCRATCH_PREFIX + UUID.randomUUID().toString().substring(0, 8);
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try {
            return carry(topic, records, recordBytes);
        } finally {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }

    private ProduceCeiling carry(String topic, int records, int recordBytes) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        AtomicLong consumed = new AtomicLong();
        AtomicLong lastConsumed = new AtomicLong();
        AtomicReference<Exception> consumerFailure = new AtomicReference<>();
        Properties consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProperties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProperties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Thread consumer = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumerProperties)) {
                reader.assign(List.of(partition));
                reader.seekToBeginning(List.of(partition));
                while (consumed.get() < records && System.nanoTime() < deadline) {
                    ConsumerRecords<byte[], byte[]> batch = reader.poll(Duration.ofMillis(100));
                    if (!batch.isEmpty()) {
                        consumed.addAndGet(batch.count());
                        lastConsumed.set(System.nanoTime());
                    }
                }
            } catch (Exception e) {
                consumerFailure.set(e);
            }
        }, "kafka-ceiling-consumer");
        consumer.setDaemon(true);
        consumer.start();
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        byte[] value = new byte[recordBytes];
        AtomicLong acked = new AtomicLong();
        AtomicLong lastAcked = new AtomicLong();
        AtomicReference<Exception> producerFailure = new AtomicReference<>();
        long start;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties)) {
            // The first send fetches metadata; the clock starts after it.
            producer.send(new ProducerRecord<>(topic, 0, null, value)).get(30, TimeUnit.SECONDS);
            start = System.nanoTime();
            for (int i = 1; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, value), (metadata, error) -> {
                    if (error != null) {
                        producerFailure.compareAndSet(null, error);
                    } else {
                        acked.incrementAndGet();
                        lastAcked.set(System.nanoTime());
                    }
                });
            }
            producer.flush();
        }
        consumer.join(TimeUnit.SECONDS.toMillis(120));
        if (producerFailure.get() != null) {
            throw producerFailure.get();
        }
        if (consumerFailure.get() != null) {
            throw consumerFailure.get();
        }
        if (consumed.get() < records) {
            throw new IllegalStateException("the consumer read " + consumed.get() + " of " + records + " records");
        }
        double produced = (lastAcked.get() - start) / 1e9;
        double carried = (lastConsumed.get() - start) / 1e9;
        return new ProduceCeiling(records, recordBytes, (records - 1) / produced, (records - 1) / carried, carried);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
