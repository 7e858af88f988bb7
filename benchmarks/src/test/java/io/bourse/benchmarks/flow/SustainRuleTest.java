package io.bourse.benchmarks.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SustainRuleTest {

    private final SustainRule rule = new SustainRule(Duration.ofSeconds(2), 20);

    @Test
    void aStepThatDrainsQuicklyWithFastAnswersAndNoFailuresIsSustained() {
        SustainRule.Verdict verdict = rule.judge(true, Duration.ofMillis(1_999), 19.9, 0);

        assertThat(verdict.outcome()).isEqualTo(SustainRule.Outcome.SUSTAINED);
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void theBoundsThemselvesStillCount() {
        assertThat(rule.judge(true, Duration.ofSeconds(2), 20.0, 0).sustained()).isTrue();
    }

    @Test
    void aSlowDrainIsNotSustained() {
        SustainRule.Verdict verdict = rule.judge(true, Duration.ofMillis(2_500), 5, 0);

        assertThat(verdict.outcome()).isEqualTo(SustainRule.Outcome.NOT_SUSTAINED);
        assertThat(verdict.reasons()).singleElement().asString().contains("drain 2.50 s");
    }

    @Test
    void aSlowP99AnswerIsNotSustained() {
        SustainRule.Verdict verdict = rule.judge(true, Duration.ofMillis(100), 20.5, 0);

        assertThat(verdict.outcome()).isEqualTo(SustainRule.Outcome.NOT_SUSTAINED);
        assertThat(verdict.reasons()).singleElement().asString().contains("p99 POST answer");
    }

    @Test
    void failedOrShedRequestsAreNotSustainedEvenWhenFast() {
        SustainRule.Verdict verdict = rule.judge(true, Duration.ZERO, 1, 3);

        assertThat(verdict.outcome()).isEqualTo(SustainRule.Outcome.NOT_SUSTAINED);
        assertThat(verdict.reasons()).singleElement().asString().contains("3 requests");
    }

    @Test
    void everyBrokenBoundIsNamed() {
        assertThat(rule.judge(true, Duration.ofSeconds(9), 80, 1).reasons()).hasSize(3);
    }

    @Test
    void aFlowThatNeverFinishedFailedBadly() {
        SustainRule.Verdict verdict = rule.judge(false, Duration.ZERO, 1, 0);

        assertThat(verdict.outcome()).isEqualTo(SustainRule.Outcome.FAILED_BADLY);
        assertThat(verdict.sustained()).isFalse();
    }
}
