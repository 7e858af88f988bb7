package io.bourse.platform.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where each processor's segments stand in their source, read from the token store (every instance's claims, not
 * only this one's), and how far that is behind the head of the source: the event store's last global index, or the
 * end offsets of the Kafka topics the processor reads. Positions and heads count events, so lag is events behind.
 * <p>
 * Heads are remembered for a second, so a scrape that asks for every processor's lag reads each head once.
 */
public class ProcessorPositions {

    static final String EVENT_STORE = "event store";
    static final String KAFKA = "kafka";

    private static final Duration HEAD_KEPT = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventStore eventStore;
    private final AdminClient kafka;
    private final Set<String> consumedTopics;
    private final Clock clock;
    private volatile Head<Long> eventStoreHead = new Head<>(Instant.MIN, -1L);
    private volatile Head<Map<TopicPartition, Long>> kafkaEnds = new Head<>(Instant.MIN, Map.of());

    public ProcessorPositions(JdbcTemplate jdbc, Serializer serializer, EventStore eventStore, AdminClient kafka,
                              Set<String> consumedTopics, Clock clock) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.eventStore = eventStore;
        this.kafka = kafka;
        this.consumedTopics = Set.copyOf(consumedTopics);
        this.clock = clock;
    }

    /** The processor's segments as the token store has them, by segment id. */
    public List<Segment> segments(String processor) {
        return jdbc.query("select segment, owner, timestamp, token, token_type from token_entry"
                        + " where processor_name = ? order by segment",
                (rs, row) -> {
                    TrackingToken token = token(rs.getBytes("token"), rs.getString("token_type"));
                    return segment(rs.getInt("segment"), rs.getString("owner"), rs.getString("timestamp"), token);
                }, processor);
    }

    /** The most any segment of the processor is behind; empty while it has no position yet. */
    public Long lag(String processor) {
        Long lag = null;
        for (Segment segment : segments(processor)) {
            if (segment.lag() != null) {
                lag = lag == null ? segment.lag() : Math.max(lag, segment.lag());
            }
        }
        return lag;
    }

    private Segment segment(int id, String owner, String updatedAt, TrackingToken token) {
        if (token == null) {
            return new Segment(id, owner, updatedAt, null, null, null, null);
        }
        KafkaTrackingToken offsets = WrappedToken.unwrap(token, KafkaTrackingToken.class).orElse(null);
        if (offsets != null) {
            long position = 0;
            long head = 0;
            for (Map.Entry<TopicPartition, Long> end : kafkaEnds().entrySet()) {
                Long consumed = offsets.getPositions().get(end.getKey());
                position += consumed == null ? 0 : consumed + 1;
                head += end.getValue();
            }
            return new Segment(id, owner, updatedAt, KAFKA, position, head, Math.max(0, head - position));
        }
        long head = eventStoreHead();
        Long position = token.position().isPresent() ? token.position().getAsLong() : null;
        Long lag = position == null ? null : Math.max(0, head - position);
        return new Segment(id, owner, updatedAt, EVENT_STORE, position, head, lag);
    }

    private TrackingToken token(byte[] bytes, String type) {
        if (bytes == null || type == null) {
            return null;
        }
        SerializedType serializedType = new SimpleSerializedType(type, null);
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, serializedType));
    }

    /** The global index of the event store's last event. */
    private long eventStoreHead() {
        Head<Long> known = eventStoreHead;
        if (known.fresh(clock.instant())) {
            return known.value();
        }
        TrackingToken head = eventStore.createHeadToken();
        long index = head == null || head.position().isEmpty() ? -1 : head.position().getAsLong();
        eventStoreHead = new Head<>(clock.instant(), index);
        return index;
    }

    /** The next offset of every partition of the topics this service consumes. */
    private Map<TopicPartition, Long> kafkaEnds() {
        Head<Map<TopicPartition, Long>> known = kafkaEnds;
        if (consumedTopics.isEmpty() || known.fresh(clock.instant())) {
            return known.value();
        }
        try {
            Map<String, TopicDescription> topics = kafka.describeTopics(consumedTopics).allTopicNames()
                    .get(2, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            topics.values().forEach(topic -> topic.partitions().forEach(partition ->
                    latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            kafka.listOffsets(latest).all().get(2, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
            kafkaEnds = new Head<>(clock.instant(), Map.copyOf(ends));
            return ends;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the end offsets of " + new TreeSet<>(consumedTopics)
                    + " could not be read from Kafka", e);
        }
    }

    /**
     * One segment: who claims it (the token store's owner, empty when unclaimed), when its token was last stored,
     * which source it reads, its position and that source's head, and the difference.
     */
    public record Segment(int segment, String owner, String tokenStoredAt, String source, Long position, Long head,
                          Long lag) {
    }

    private record Head<T>(Instant readAt, T value) {
        boolean fresh(Instant now) {
            return readAt.plus(HEAD_KEPT).isAfter(now);
        }
    }
}
