package io.bourse.platform.operations;

import io.bourse.platform.axon.DeadLetterQueues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code /actuator/deadletters}: the events each processing group has parked because a handler failed on them,
 * oldest sequence first, with the cause, the retries so far and the event itself; and the operator's actions:
 * <ul>
 * <li>{@code retry}: hands parked sequences to the handlers again, in order; a sequence whose first event still
 * fails stays parked with one more retry counted. Without {@code sequence}, every parked sequence is tried once.</li>
 * <li>{@code evict}: gives up on one letter (by {@code letterId}) or a whole sequence (by {@code sequence}): the event
 * is never handled by that group. What follows it in the sequence is retried next.</li>
 * </ul>
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {

    private static final Logger log = LoggerFactory.getLogger(DeadLettersEndpoint.class);
    private static final int SHOWN = 100;

    private final EventProcessingConfiguration processing;
    private final DeadLetterQueues queues;
    private final DeadLetterCounts counts;
    private final JdbcTemplate jdbc;
    private final TransactionManager transactionManager;
    private final DeadLetterRetries retries;

    public DeadLettersEndpoint(EventProcessingConfiguration processing, DeadLetterQueues queues,
                               DeadLetterCounts counts, JdbcTemplate jdbc, TransactionManager transactionManager,
                               DeadLetterRetries retries) {
        this.processing = processing;
        this.queues = queues;
        this.counts = counts;
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
        this.retries = retries;
    }

    /** Every processing group with a dead-letter queue and how many events it has parked. */
    @ReadOperation
    public Map<String, Long> groups() {
        Map<String, Long> parked = counts.lettersByGroup();
        Map<String, Long> groups = new LinkedHashMap<>();
        queues.groups().forEach(group -> groups.put(group, parked.getOrDefault(group, 0L)));
        return groups;
    }

    /** The first letters of one group, at most a hundred, by sequence and then by position in it. */
    @ReadOperation
    public WebEndpointResponse<Group> group(@Selector String group) {
        if (!queues.groups().contains(group)) {
            return OperatorAnswer.notFound("processing group with a dead-letter queue", group);
        }
        List<Letter> letters = jdbc.query("""
                        select dead_letter_id, sequence_identifier, sequence_index, event_identifier, payload_type,
                               aggregate_identifier, sequence_number, time_stamp, enqueued_at, last_touched,
                               cause_type, cause_message, diagnostics, payload
                        from dead_letter_entry where processing_group = ?
                        order by sequence_identifier, sequence_index limit ?""",
                (rs, row) -> new Letter(rs.getString("dead_letter_id"), rs.getString("sequence_identifier"),
                        rs.getLong("sequence_index"), rs.getString("event_identifier"),
                        rs.getString("payload_type"), rs.getString("aggregate_identifier"),
                        (Long) rs.getObject("sequence_number"), rs.getString("time_stamp"),
                        rs.getString("enqueued_at"), rs.getString("last_touched"), rs.getString("cause_type"),
                        rs.getString("cause_message"), text(rs.getBytes("diagnostics")), text(rs.getBytes("payload"))),
                group, SHOWN);
        return new WebEndpointResponse<>(new Group(group, counts.letters(group), letters));
    }

    @WriteOperation
    public WebEndpointResponse<Object> act(@Selector String group, @Nullable String action,
                                           @Nullable String sequence, @Nullable String letterId) {
        if (!queues.groups().contains(group)) {
            return OperatorAnswer.notFound("processing group with a dead-letter queue", group);
        }
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(group).orElseThrow();
        switch (action == null ? "" : action) {
            case "retry" -> {
                DeadLetterRetries.Outcome outcome = retries.retry(group,
                        letter -> sequence == null || sequence.equals(sequenceOf(letter)));
                log.info("Operator retried {} dead-lettered sequence(s) of {}: {} handled", outcome.tried(), group,
                        outcome.handled());
                return new WebEndpointResponse<>(Map.of("tried", outcome.tried(), "handled", outcome.handled(),
                        "stillParked", counts.letters(group)));
            }
            case "evict" -> {
                if (sequence == null && letterId == null) {
                    return OperatorAnswer.refused(400, "LETTER_REQUIRED", "Letter required",
                            "name the letterId or the sequence to evict");
                }
                List<DeadLetter<? extends EventMessage<?>>> evicted = new ArrayList<>();
                transactionManager.executeInTransaction(() -> {
                    for (String parked : sequence != null ? List.of(sequence) : sequencesOf(group, letterId)) {
                        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(parked)) {
                            if (letterId == null || letterId.equals(idOf(letter))) {
                                evicted.add(letter);
                            }
                        }
                    }
                    evicted.forEach(queue::evict);
                });
                evicted.forEach(letter -> log.warn("Operator evicted dead letter of {}: event {} ({})", group,
                        letter.message().getIdentifier(), letter.message().getPayloadType().getSimpleName()));
                return new WebEndpointResponse<>(Map.of("evicted", evicted.size(),
                        "stillParked", counts.letters(group)));
            }
            default -> {
                return OperatorAnswer.unknownAction(action, "retry, evict");
            }
        }
    }

    private List<String> sequencesOf(String group, String letterId) {
        return jdbc.queryForList("select sequence_identifier from dead_letter_entry"
                + " where processing_group = ? and dead_letter_id = ?", String.class, group, letterId);
    }

    private static String sequenceOf(DeadLetter<?> letter) {
        return letter instanceof org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter<?> stored
                ? stored.getSequenceIdentifier() : null;
    }

    private static String idOf(DeadLetter<?> letter) {
        return letter instanceof org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter<?> stored
                ? stored.getIdentifier() : null;
    }

    /** Payloads and diagnostics are stored as JSON, so they are shown as the text they are. */
    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public record Group(String group, long parked, List<Letter> letters) {
    }

    /**
     * One parked event: its letter id, the sequence (the aggregate) it holds up and its place in it, the event's id,
     * type, aggregate and time; when it was parked and last tried; why it failed; the diagnostics (its retries); and
     * the event's payload as stored.
     */
    public record Letter(String letterId, String sequence, long index, String eventId, String payloadType,
                         String aggregateId, Long aggregateSequence, String eventTime, String parkedAt,
                         String lastTriedAt, String causeType, String causeMessage, String diagnostics,
                         String payload) {
    }
}
