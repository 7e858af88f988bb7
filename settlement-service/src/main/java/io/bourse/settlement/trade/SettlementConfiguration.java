package io.bourse.settlement.trade;

import io.bourse.platform.axon.AggregateCache;
import io.bourse.platform.operations.SagaLifetime;
import org.axonframework.common.caching.Cache;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SettlementProperties.class)
class SettlementConfiguration {

    /**
     * A record is written three or four times within a second of its trade (opened, each leg's outcome, the end), so
     * the open ones stay in memory between those commands instead of being read back from the event store.
     */
    @Bean
    Cache settlementCache() {
        return AggregateCache.ofMaximumSize(10_000);
    }

    /** A settlement saga ends by its last deadline at the latest: one still open after that is stuck. */
    @Bean
    SagaLifetime tradeSettlementLifetime(SettlementProperties settings) {
        return new SagaLifetime(TradeSettlementSaga.class, settings.deadline().multipliedBy(settings.maxAttempts()));
    }
}
