package io.bourse.settlement.trade;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a trade's legs may take to answer before its settlement is flagged overdue and the unanswered legs are
 * asked again ({@code bourse.settlement.deadline}), and after how many such attempts it is parked for an operator
 * ({@code bourse.settlement.max-attempts}). A saga cannot read Spring properties, so this bean reaches its handlers as
 * a parameter.
 */
@ConfigurationProperties("bourse.settlement")
public record SettlementProperties(@DefaultValue("30s") Duration deadline, @DefaultValue("20") int maxAttempts) {

    public SettlementProperties {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("bourse.settlement.deadline must be positive, not " + deadline);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("bourse.settlement.max-attempts must be at least 1, not " + maxAttempts);
        }
    }
}
