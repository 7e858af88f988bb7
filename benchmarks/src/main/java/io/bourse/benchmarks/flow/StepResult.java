package io.bourse.benchmarks.flow;

import java.util.List;
import java.util.Map;

/**
 * Every figure of one step. Rates are per second; latencies in milliseconds. postAnswer and cancelAnswer are
 * measured by this client from each request's due time; placedToStatus (createdAt to updatedAt) and tradeToSettled
 * (executedAt to settledAt) come from server timestamps, and so does drainSeconds (the last request's due time to
 * the last order update or settlement of the step).
 */
record StepResult(int step, double offeredRate, double durationSeconds, long requests, long placed,
                  long placeAccepted, long cancels, long cancelAccepted, long cancelSkipped, double intakeRate,
                  double settledOrdersPerSecond, double settledTradesPerSecond, Percentiles postAnswer,
                  Percentiles cancelAnswer, Percentiles placedToStatus, Percentiles tradeToSettled, boolean finished,
                  double drainSeconds, double observedDrainSeconds, ErrorCounts.Summary errors,
                  double maxPacerLagMs, boolean answersComplete, Map<String, Long> outcomes, long reached,
                  long unexpected, long orphaned, long pending, long trades, long settled, long settlementsFailed,
                  long settlementsPending, long tradesMissing, long reads, long readErrors, CostMeter.Cost cost,
                  SustainRule.Outcome outcome, List<String> reasons) {

    static StepResult of(int step, double rate, OpenLoop.Intake intake, FlowTracker.Flow flow, CostMeter.Cost cost,
                         SustainRule rule) {
        Percentiles post = Percentiles.of(intake.placeAnswer());
        long failed = intake.errors().total();
        SustainRule.Verdict verdict = rule.judge(flow.finished(), flow.drain(), post.p99(), failed);
        double settledTrades = flow.settledOrdersPerSecond(intake.wallAtFirstDue()) / 2;
        return new StepResult(step, rate, intake.length().toNanos() / 1e9 + 1 / rate, intake.sent().size(),
                intake.placed(), intake.placeAccepted(), intake.cancels(), intake.cancelAccepted(),
                intake.cancelSkipped(), intake.acceptedRate(), 2 * settledTrades, settledTrades, post,
                Percentiles.of(intake.cancelAnswer()), Percentiles.of(flow.placedToStatus()),
                Percentiles.of(flow.tradeToSettled()), flow.finished(), flow.drain().toNanos() / 1e9,
                flow.observedDrain().toNanos() / 1e9, intake.errors(), intake.maxPacerLagMicros() / 1000.0,
                intake.answersComplete(), flow.outcomes(), flow.reached(), flow.unexpected(), flow.orphaned(),
                flow.pending(), flow.trades(), flow.settled(), flow.settlementsFailed(), flow.settlementsPending(),
                flow.tradesMissing(), flow.reads(), flow.readErrors(), cost, verdict.outcome(), verdict.reasons());
    }

    boolean sustained() {
        return outcome == SustainRule.Outcome.SUSTAINED;
    }
}
