package io.bourse.order.placement;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlacementConfiguration {

    /** A reservation or release that failed must be retried, not logged and skipped as Axon does by default. */
    @Bean
    ConfigurerModule retryFailedReleases() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                FundsReservation.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
