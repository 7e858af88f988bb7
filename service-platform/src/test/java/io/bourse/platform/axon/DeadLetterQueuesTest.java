package io.bourse.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.spring.stereotype.Saga;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Which groups park failed events, and how a letter's retries are counted: the first failure parks it with none, each
 * failed retry adds one, so automatic retries can stop after a bound and an operator sees how often it was tried.
 */
class DeadLetterQueuesTest {

    @ProcessingGroup("views")
    static class View {
    }

    @ProcessingGroup("views")
    static class OtherView {
    }

    @ProcessingGroup("reactions")
    static class Reaction {
    }

    @Saga
    @ProcessingGroup("a-saga")
    static class ASaga {
    }

    static class NoGroup {
    }

    @Test
    void everyEventHandlerGroupDeclaredAsABeanParksFailedEventsButSagasDoNot() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            for (Class<?> type : new Class<?>[] {View.class, OtherView.class, Reaction.class, ASaga.class,
                    NoGroup.class}) {
                context.registerBean(type);
            }
            DeadLetterQueues queues = new DeadLetterQueues(context.getBeanFactory(), null, null, null, null, null);
            assertThat(queues.groups()).containsExactlyInAnyOrder("views", "reactions");
        }
    }

    @Test
    void aLetterIsParkedWithNoRetriesAndEachFailedRetryCountsOne() {
        IllegalStateException cause = new IllegalStateException("bad event");
        DeadLetter<EventMessage<?>> fresh = new GenericDeadLetter<>("account-1",
                GenericEventMessage.asEventMessage("payload"), cause);

        EnqueueDecision<EventMessage<?>> first = DeadLetterQueues.countingRetries().decide(fresh, cause);
        assertThat(first.shouldEnqueue()).isTrue();
        assertThat(first.enqueueCause()).hasValueSatisfying(c -> assertThat(c.getMessage()).isEqualTo("bad event"));
        DeadLetter<? extends EventMessage<?>> parked = first.withDiagnostics(fresh);
        assertThat(DeadLetterQueues.retries(parked)).isZero();
        assertThat(parked.diagnostics()).containsKey(DeadLetterQueues.RETRIES);

        DeadLetter<? extends EventMessage<?>> retried = parked;
        for (int i = 1; i <= 3; i++) {
            EnqueueDecision<EventMessage<?>> again = DeadLetterQueues.countingRetries().decide(retried, cause);
            assertThat(again.shouldEnqueue()).isTrue();
            retried = again.withDiagnostics(retried);
            assertThat(DeadLetterQueues.retries(retried)).isEqualTo(i);
        }
    }
}
