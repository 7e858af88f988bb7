package io.bourse.order.book;

import org.axonframework.common.caching.Cache;
import io.bourse.platform.axon.AggregateCache;
import io.bourse.platform.axon.EventCountSnapshots;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class OrderBookConfiguration {

    // A busy book's history grows with every order; a snapshot bounds how much of it a load replays.
    @Bean
    SnapshotTriggerDefinition orderBookSnapshotTrigger(
            Snapshotter snapshotter, @Value("${bourse.snapshots.order-book.threshold:500}") int threshold) {
        return new EventCountSnapshots(snapshotter, threshold);
    }

    // The book is the single writer for its symbol, so a cached instance stays current between commands.
    @Bean
    Cache orderBookCache() {
        return AggregateCache.ofMaximumSize(1000);
    }
}
