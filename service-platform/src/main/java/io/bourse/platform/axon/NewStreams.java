package io.bourse.platform.axon;

import io.bourse.platform.messaging.BatchWrites;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The aggregate streams a processor's batch knows to be empty, so that the aggregates it creates are created without
 * reading anything. Axon loads an aggregate before it creates one that may be missing: a snapshot query and an
 * events query, both empty for a new aggregate, and profiling showed them as two fifths of a processor that opens
 * one aggregate per event. Such a processor asks once per batch, in one query, which of the batch's aggregates have
 * no stored event; the storage engine then answers their loads with nothing.
 * <p>
 * What it knows holds for the batch's unit of work only, and only for aggregates that nothing else appends to
 * meanwhile (their creator is this processor alone). An aggregate created in the batch is found from then on among
 * the batch's own aggregates, and events it staged are added by the event store itself, so answering its stream with
 * nothing stays right for the rest of the batch.
 */
public final class NewStreams {

    private static final String RESOURCE = NewStreams.class.getName();

    private final JdbcTemplate jdbc;
    private final String storedStreams;

    public NewStreams(JdbcTemplate jdbc, EventSchema schema) {
        this.jdbc = jdbc;
        this.storedStreams = "select distinct " + schema.aggregateIdentifierColumn() + " from "
                + schema.domainEventTable() + " where " + schema.aggregateIdentifierColumn() + " = any(?)";
    }

    /**
     * At the first call in a batch, finds which of the aggregates that {@code aggregateIdOf} names for the batch's
     * events (null for an event that creates none) have no stored event, and remembers them for the batch. Later calls
     * in the same batch do nothing, and so does a call outside a processor's batch: loads then read as usual.
     */
    public void findInBatch(Function<EventMessage<?>, String> aggregateIdOf) {
        if (!CurrentUnitOfWork.isStarted()
                || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return;
        }
        batch.getOrComputeResource(RESOURCE, key -> {
            Set<String> ids = new LinkedHashSet<>();
            for (var message : batch.getMessages()) {
                String id = message instanceof EventMessage<?> event ? aggregateIdOf.apply(event) : null;
                if (id != null) {
                    ids.add(id);
                }
            }
            Set<String> stored = new HashSet<>();
            BatchWrites.readRows(jdbc, storedStreams, ids, row -> stored.add(row.getString(1)));
            ids.removeAll(stored);
            return Set.copyOf(ids);
        });
    }

    /** Whether the current batch found that {@code aggregateId} has no stored event. */
    static boolean isKnownNew(String aggregateId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        Set<String> known = CurrentUnitOfWork.get().root().getResource(RESOURCE);
        return known != null && known.contains(aggregateId);
    }
}
