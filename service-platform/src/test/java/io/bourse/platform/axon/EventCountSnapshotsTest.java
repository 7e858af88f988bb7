package io.bourse.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

class EventCountSnapshotsTest {

    static class Book {
    }

    /** Records each snapshot asked for, with the phase of the unit of work it was asked in. */
    private final List<String> asked = new ArrayList<>();
    private final Snapshotter snapshotter = (type, id) -> asked.add(type.getSimpleName() + " " + id + " "
            + (CurrentUnitOfWork.isStarted()
            ? CurrentUnitOfWork.get().phase() : "no unit of work"));

    private final EventCountSnapshots snapshots = new EventCountSnapshots(snapshotter, 3);

    @Test
    void asksForASnapshotEveryThresholdEventsWhenTheUnitOfWorkPreparesToCommit() {
        SnapshotTrigger trigger = snapshots.prepareTrigger(Book.class);

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        for (int sequence = 0; sequence < 7; sequence++) {
            trigger.eventHandled(event(sequence));
        }
        assertThat(asked).as("nothing before the commit").isEmpty();
        unitOfWork.commit();

        assertThat(asked).containsExactly("Book ACME PREPARE_COMMIT", "Book ACME PREPARE_COMMIT");
    }

    @Test
    void anAggregateCreatedHereIsTreatedLikeOneThatWasLoaded() {
        // Axon never tells the trigger of a new aggregate that initialization finished; this trigger does not care.
        SnapshotTrigger created = snapshots.prepareTrigger(Book.class);
        SnapshotTrigger loaded = snapshots.prepareTrigger(Book.class);
        loaded.initializationFinished();

        for (SnapshotTrigger trigger : List.of(created, loaded)) {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            for (int sequence = 0; sequence < 3; sequence++) {
                trigger.eventHandled(event(sequence));
            }
            unitOfWork.commit();
        }
        assertThat(asked).containsExactly("Book ACME PREPARE_COMMIT", "Book ACME PREPARE_COMMIT");
    }

    @Test
    void aUnitOfWorkThatRollsBackAsksForNothing() {
        SnapshotTrigger trigger = snapshots.prepareTrigger(Book.class);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        for (int sequence = 0; sequence < 3; sequence++) {
            trigger.eventHandled(event(sequence));
        }
        unitOfWork.rollback();

        assertThat(asked).isEmpty();
    }

    @Test
    void keepsItsCountWhenTheCacheReconfiguresIt() {
        SnapshotTrigger trigger = snapshots.prepareTrigger(Book.class);
        trigger.eventHandled(event(0));
        trigger.eventHandled(event(1));
        SnapshotTrigger reconfigured = snapshots.reconfigure(Book.class, trigger);
        reconfigured.eventHandled(event(2));
        reconfigured.eventHandled(GenericEventMessage.asEventMessage("not an aggregate's event"));

        assertThat(reconfigured).isSameAs(trigger);
        assertThat(asked).containsExactly("Book ACME no unit of work");
    }

    private static GenericDomainEventMessage<String> event(long sequence) {
        return new GenericDomainEventMessage<>("Book", "ACME", sequence, "event " + sequence);
    }
}
