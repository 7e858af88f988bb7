package io.bourse.platform.operations;

import io.bourse.platform.axon.DeadLetterQueues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Hands parked sequences back to their handlers: on an operator's request, and on its own every
 * {@code bourse.operations.dead-letters.retry-every} for letters retried fewer than
 * {@code bourse.operations.dead-letters.automatic-retries} times, so a passing fault (a service that was down) heals
 * itself while a real poison event waits for an operator after a bounded number of tries.
 * <p>
 * A round tries each sequence at most once: a sequence that fails again is touched, and only letters last touched
 * before the round began are picked.
 */
public class DeadLetterRetries {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetries.class);

    private final EventProcessingConfiguration processing;
    private final DeadLetterQueues queues;
    private final Clock clock;
    private final long automaticRetries;
    private final int sequencesPerRound;

    public DeadLetterRetries(EventProcessingConfiguration processing, DeadLetterQueues queues, Clock clock,
                             long automaticRetries, int sequencesPerRound) {
        this.processing = processing;
        this.queues = queues;
        this.clock = clock;
        this.automaticRetries = automaticRetries;
        this.sequencesPerRound = sequencesPerRound;
    }

    @Scheduled(fixedDelayString = "${bourse.operations.dead-letters.retry-every:30s}",
            initialDelayString = "${bourse.operations.dead-letters.retry-every:30s}")
    public void retryAutomatically() {
        for (String group : queues.groups()) {
            Outcome outcome = retry(group, letter -> DeadLetterQueues.retries(letter) < automaticRetries);
            if (outcome.tried() > 0) {
                log.info("Retried {} dead-lettered sequence(s) of {} on schedule: {} handled", outcome.tried(), group,
                        outcome.handled());
            }
        }
    }

    /** One round over the group's parked sequences whose first letter matches. */
    public Outcome retry(String group, Predicate<DeadLetter<? extends EventMessage<?>>> which) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.sequencedDeadLetterProcessor(group).orElse(null);
        if (processor == null) {
            return new Outcome(0, 0);
        }
        Instant roundStart = clock.instant().minus(Duration.ofMillis(1));
        int tried = 0;
        int handled = 0;
        while (tried < sequencesPerRound) {
            boolean[] picked = {false};
            boolean done = processor.process(letter -> {
                boolean pick = letter.lastTouched().isBefore(roundStart) && which.test(letter);
                picked[0] |= pick;
                return pick;
            });
            if (!picked[0]) {
                break;
            }
            tried++;
            if (done) {
                handled++;
            }
        }
        return new Outcome(tried, handled);
    }

    /** Sequences tried, and those whose every letter was handled. */
    public record Outcome(int tried, int handled) {
    }
}
