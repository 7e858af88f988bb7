package io.bourse.benchmarks.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a step counts as sustained: its whole flow finished soon after the last request, requests were answered
 * quickly, and none failed. A step whose flow did not finish within the drain timeout failed badly, and the ramp
 * stops there: a higher rate can only be worse, and the backlog would spoil it anyway.
 */
record SustainRule(Duration maxDrain, double p99BoundMs) {

    enum Outcome {
        SUSTAINED, NOT_SUSTAINED, FAILED_BADLY
    }

    record Verdict(Outcome outcome, List<String> reasons) {

        boolean sustained() {
            return outcome == Outcome.SUSTAINED;
        }
    }

    Verdict judge(boolean finished, Duration drain, double p99AnswerMs, long failedRequests) {
        List<String> reasons = new ArrayList<>();
        if (!finished) {
            reasons.add("the flow did not finish within the drain timeout");
            return new Verdict(Outcome.FAILED_BADLY, reasons);
        }
        if (drain.compareTo(maxDrain) > 0) {
            reasons.add(String.format("drain %.2f s > %.2f s", drain.toNanos() / 1e9, maxDrain.toNanos() / 1e9));
        }
        if (p99AnswerMs > p99BoundMs) {
            reasons.add(String.format("p99 POST answer %.1f ms > %.1f ms", p99AnswerMs, p99BoundMs));
        }
        if (failedRequests > 0) {
            reasons.add(failedRequests + " requests failed or were shed");
        }
        return new Verdict(reasons.isEmpty() ? Outcome.SUSTAINED : Outcome.NOT_SUSTAINED, reasons);
    }
}
