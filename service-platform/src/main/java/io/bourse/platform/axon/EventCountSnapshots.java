package io.bourse.platform.axon;

import java.io.Serial;
import java.io.Serializable;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * A snapshot every {@code threshold} events of an aggregate, asked for when the unit of work that crossed the
 * threshold prepares to commit: the moment {@link InMemorySnapshotter} takes it from memory.
 * <p>
 * Axon's event-count trigger asks at that moment only for an aggregate it has loaded from the event store; for one
 * created in this process, which a cache may then keep for its whole life, it asks only during cleanup, when the
 * aggregate can no longer be read from the unit of work, so every snapshot of such an aggregate would load it again.
 * This trigger treats events the same however the aggregate came to be. A command that fails takes no snapshot; the
 * next one to cross the threshold does.
 */
public final class EventCountSnapshots implements SnapshotTriggerDefinition {

    private final Snapshotter snapshotter;
    private final int threshold;

    public EventCountSnapshots(Snapshotter snapshotter, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("a snapshot threshold must be at least 1, not " + threshold);
        }
        this.snapshotter = snapshotter;
        this.threshold = threshold;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, threshold);
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof Trigger counting) {
            counting.snapshotter = snapshotter;
            return counting;
        }
        return prepareTrigger(aggregateType);
    }

    /** Serializable, so the aggregate cache keeps it (and its count) with the aggregate. */
    static final class Trigger implements SnapshotTrigger, Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private transient Snapshotter snapshotter;
        private final Class<?> aggregateType;
        private final int threshold;
        private int counted;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int threshold) {
            this.snapshotter = snapshotter;
            this.aggregateType = aggregateType;
            this.threshold = threshold;
        }

        @Override
        public void eventHandled(EventMessage<?> event) {
            if (!(event instanceof DomainEventMessage<?> domainEvent) || ++counted < threshold) {
                return;
            }
            counted = 0;
            String aggregateIdentifier = domainEvent.getAggregateIdentifier();
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().onPrepareCommit(u -> snapshotter.scheduleSnapshot(aggregateType,
                        aggregateIdentifier));
            } else {
                snapshotter.scheduleSnapshot(aggregateType, aggregateIdentifier);
            }
        }

        @Override
        public void initializationFinished() {
        }
    }
}
