package io.bourse.benchmarks.flow;

import java.util.List;

/**
 * What the machine's PostgreSQL and Kafka can do at most, measured raw on the same servers the stack uses: the
 * yardstick that says whether Bourse is slow or the hardware is.
 */
record Ceiling(PostgresProbe.Settings postgresSettings, List<PostgresProbe.CommitCeiling> commits,
               KafkaProbe.ProduceCeiling kafka) {

    static final List<Integer> CLIENTS = List.of(1, 16);
    static final int RECORD_BYTES = 200;

    static Ceiling measure(PostgresProbe postgres, KafkaProbe kafka, Options options, List<String> notes) {
        PostgresProbe.Settings settings = null;
        List<PostgresProbe.CommitCeiling> commits = List.of();
        KafkaProbe.ProduceCeiling produce = null;
        double seconds = options.ceilingTime().toNanos() / 1e9;
        if (postgres != null) {
            try {
                settings = postgres.settings();
                if (!"on".equals(settings.fsync()) || !"on".equals(settings.synchronousCommit())) {
                    notes.add("PostgreSQL runs with fsync=" + settings.fsync() + ", synchronous_commit="
                            + settings.synchronousCommit() + ": its commits are not durable, nor is the ceiling");
                }
                commits = postgres.commitCeiling(CLIENTS, seconds);
            } catch (Exception e) {
                notes.add("the PostgreSQL ceiling could not be measured: " + e.getMessage());
            }
        }
        if (kafka != null) {
            try {
                produce = kafka.produceCeiling(options.ceilingRecords(), RECORD_BYTES);
            } catch (Exception e) {
                notes.add("the Kafka ceiling could not be measured: " + e.getMessage());
            }
        }
        return new Ceiling(settings, commits, produce);
    }

    Double commitsPerSecond(int clients) {
        return commits.stream().filter(c -> c.clients() == clients).map(PostgresProbe.CommitCeiling::perSecond)
                .findFirst().orElse(null);
    }

    /** The best the commit ceiling reached, whichever number of clients. */
    Double bestCommitsPerSecond() {
        return commits.stream().map(PostgresProbe.CommitCeiling::perSecond).max(Double::compare).orElse(null);
    }
}
