package io.bourse.platform.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The operator's side: how dead letters are retried on their own, and how long a saga may stay open unremarked. */
@ConfigurationProperties("bourse.operations")
public class OperationsProperties {

    private final DeadLetters deadLetters = new DeadLetters();
    private final Sagas sagas = new Sagas();

    public DeadLetters getDeadLetters() {
        return deadLetters;
    }

    public Sagas getSagas() {
        return sagas;
    }

    public static class DeadLetters {

        /** How often parked sequences are retried on their own. */
        private Duration retryEvery = Duration.ofSeconds(30);

        /** Retries on schedule per letter; after that it waits for an operator. */
        private long automaticRetries = 5;

        /** The most sequences one round of retries tries. */
        private int sequencesPerRound = 100;

        public Duration getRetryEvery() {
            return retryEvery;
        }

        public void setRetryEvery(Duration retryEvery) {
            this.retryEvery = retryEvery;
        }

        public long getAutomaticRetries() {
            return automaticRetries;
        }

        public void setAutomaticRetries(long automaticRetries) {
            this.automaticRetries = automaticRetries;
        }

        public int getSequencesPerRound() {
            return sequencesPerRound;
        }

        public void setSequencesPerRound(int sequencesPerRound) {
            this.sequencesPerRound = sequencesPerRound;
        }
    }

    public static class Sagas {

        /** How long a saga of a type that declares no {@link SagaLifetime} may stay open before it is overdue. */
        private Duration maxOpen = Duration.ofHours(1);

        public Duration getMaxOpen() {
            return maxOpen;
        }

        public void setMaxOpen(Duration maxOpen) {
            this.maxOpen = maxOpen;
        }
    }
}
