package io.bourse.settlement.trade;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SettlementProperties.class)
class SettlementConfiguration {

    /** A trade whose record could not be opened must be retried, not logged and skipped as Axon does by default. */
    @Bean
    ConfigurerModule retryUnstartedSettlements() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                SettlementStarter.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
