package io.bourse.settlement.trade;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long settling a trade may take ({@code bourse.settlement.deadline}). A saga cannot read Spring properties, so
 * this bean reaches its handlers as a parameter. Past the deadline the saga compensates whatever settled and fails
 * the trade; while compensation is still unconfirmed it tries again after each further period.
 */
@ConfigurationProperties("bourse.settlement")
public record SettlementProperties(@DefaultValue("30s") Duration deadline) {

    public SettlementProperties {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("bourse.settlement.deadline must be positive, not " + deadline);
        }
    }
}
