package io.bourse.platform.axon;

import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an aggregate's snapshot from the instance the command just changed, instead of loading the aggregate again.
 * <p>
 * Axon's snapshotter reads the previous snapshot and every event since from the event store and replays them on a
 * thread of its own: for a busy order book, as much work again as the commands that wrote those events. Here the
 * snapshot is serialized where the trigger fires, while the command's unit of work prepares to commit and the
 * aggregate is in the state its last event left it, on the thread that owns it (see {@link EventCountSnapshots},
 * whose triggers fire there); the bytes are stored after the commit, on another thread and in a transaction of their
 * own, so a snapshot that cannot be stored fails no command. A trigger outside a unit of work, or past its commit,
 * goes to Axon's snapshotter.
 */
public final class InMemorySnapshotter implements Snapshotter {

    private static final Logger log = LoggerFactory.getLogger(InMemorySnapshotter.class);

    private final Function<Class<?>, Repository<?>> repositories;
    private final EventStorageEngine storageEngine;
    private final Serializer serializer;
    private final Snapshotter reloading;
    private final Executor storing;

    /** The {@code serializer} must be the storage engine's snapshot serializer, so it stores the bytes as they are. */
    public InMemorySnapshotter(Function<Class<?>, Repository<?>> repositories, EventStorageEngine storageEngine,
                               Serializer serializer, Snapshotter reloading, Executor storing) {
        this.repositories = repositories;
        this.storageEngine = storageEngine;
        this.serializer = serializer;
        this.reloading = reloading;
        this.storing = storing;
    }

    @Override
    public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
        if (!CurrentUnitOfWork.isStarted() || !CurrentUnitOfWork.get().phase().isBefore(UnitOfWork.Phase.COMMIT)) {
            reloading.scheduleSnapshot(aggregateType, aggregateIdentifier);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        DomainEventMessage<?> snapshot;
        try {
            snapshot = capture(repositories.apply(aggregateType).load(aggregateIdentifier));
        } catch (RuntimeException e) {
            log.warn("Could not take a snapshot of {} {} in memory; reloading it instead",
                    aggregateType.getSimpleName(), aggregateIdentifier, e);
            reloading.scheduleSnapshot(aggregateType, aggregateIdentifier);
            return;
        }
        unitOfWork.root().afterCommit(u -> storing.execute(() -> store(snapshot)));
    }

    private DomainEventMessage<?> capture(Aggregate<?> aggregate) {
        SerializedObject<byte[]> state = aggregate.invoke(root -> serializer.serialize(root, byte[].class));
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData.emptyInstance(), byte[].class);
        return new GenericDomainEventMessage<>(aggregate.type(), aggregate.identifierAsString(), aggregate.version(),
                new SerializedMessage<>(IdentifierFactory.getInstance().generateIdentifier(), state, metaData,
                        serializer), Instant.now());
    }

    private void store(DomainEventMessage<?> snapshot) {
        try {
            storageEngine.storeSnapshot(snapshot);
        } catch (RuntimeException e) {
            log.warn("Could not store the snapshot of {} {} at sequence {}", snapshot.getType(),
                    snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(), e);
        }
    }
}
