package io.bourse.portfolio.account;

import org.axonframework.common.caching.Cache;
import io.bourse.platform.axon.AggregateCache;
import io.bourse.platform.axon.EventCountSnapshots;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loading a busy portfolio stays cheap: a snapshot every N events, and recently used portfolios kept in memory. */
@Configuration(proxyBeanMethods = false)
class PortfolioConfiguration {

    @Bean
    SnapshotTriggerDefinition portfolioSnapshotTrigger(Snapshotter snapshotter,
            @Value("${bourse.snapshots.portfolio.threshold:100}") int threshold) {
        return new EventCountSnapshots(snapshotter, threshold);
    }

    // Weak references let the garbage collector bound the cache, so no size needs tuning.
    @Bean
    Cache portfolioCache() {
        return AggregateCache.ofMaximumSize(10000);
    }
}
