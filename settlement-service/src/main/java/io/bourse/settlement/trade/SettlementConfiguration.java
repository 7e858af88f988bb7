package io.bourse.settlement.trade;

import io.bourse.platform.axon.AggregateCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
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

    /** A trade whose record could not be opened must be retried, not logged and skipped as Axon does by default. */
    @Bean
    ConfigurerModule retryUnstartedSettlements() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                SettlementStarter.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
