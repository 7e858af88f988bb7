package io.bourse.benchmarks.flow;

import java.util.List;
import java.util.Map;

/** Everything one run found, as the JSON report holds it. */
record RunResult(String startedAt, String finishedAt, String clocks, Map<String, String> options, Machine machine,
                 List<String> symbols, int accounts, double setupSeconds, List<ProcessCpu.Watched> processes,
                 Map<String, Double> idle, Ceiling ceiling, Warmup warmup, List<StepResult> steps, Summary summary,
                 List<String> notes) {

    static final String CLOCKS = "postAnswer and cancelAnswer: this client, from each request's due time (open loop,"
            + " no coordinated omission). placedToStatus (createdAt to updatedAt), tradeToSettled (executedAt to"
            + " settledAt) and drainSeconds (last request due to the step's last order update or settlement): server"
            + " timestamps, so a stack on another machine needs synchronized clocks for the drain.";

    record Warmup(double rate, double seconds, long accepted, boolean finished, double drainSeconds) {
    }

    /**
     * The highest sustained offered rate, what happened at the first rate that was not sustained, and the sustained
     * rate as a fraction of the raw ceilings: of durable commits per second with one client and with sixteen, and of
     * Kafka records carried per second. The commit fractions set Bourse's own commits per second at that step
     * against the best commit ceiling.
     */
    record Summary(Double highestSustainedRate, Double firstUnsustainedRate, List<String> firstUnsustainedReasons,
                   Double rateOfCommitCeiling1Client, Double rateOfCommitCeiling16Clients, Double rateOfKafkaCeiling,
                   Double commitsPerSecondAtSustained, Double commitsOfCommitCeiling,
                   Double writeTransactionsPerSecondAtSustained, Double writeTransactionsOfCommitCeiling) {

        static Summary of(List<StepResult> steps, Ceiling ceiling) {
            StepResult best = null;
            StepResult firstFailed = null;
            for (StepResult step : steps) {
                if (step.sustained() && (best == null || step.offeredRate() > best.offeredRate())) {
                    best = step;
                }
                if (!step.sustained() && firstFailed == null) {
                    firstFailed = step;
                }
            }
            Double rate = best == null ? null : best.offeredRate();
            Double commits = best == null || best.cost() == null ? null : best.cost().commitsPerSecond();
            Double writes = best == null || best.cost() == null ? null : best.cost().writeTransactionsPerSecond();
            Double one = ceiling == null ? null : ceiling.commitsPerSecond(1);
            Double sixteen = ceiling == null ? null : ceiling.commitsPerSecond(16);
            Double bestCommits = ceiling == null ? null : ceiling.bestCommitsPerSecond();
            Double kafka = ceiling == null || ceiling.kafka() == null ? null : ceiling.kafka().consumedPerSecond();
            return new Summary(rate, firstFailed == null ? null : firstFailed.offeredRate(),
                    firstFailed == null ? List.of() : firstFailed.reasons(), ratio(rate, one), ratio(rate, sixteen),
                    ratio(rate, kafka), commits, ratio(commits, bestCommits), writes, ratio(writes, bestCommits));
        }

        private static Double ratio(Double part, Double whole) {
            return part == null || whole == null || whole <= 0 ? null : part / whole;
        }
    }
}
