package io.bourse.screen;

import io.bourse.platform.security.ApiAccessRules;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;

/**
 * Serves the trading screen from the service that has this jar on its class path: the static files (HTML, CSS, ES
 * modules, under {@code META-INF/resources}, and the chart library as a WebJar), its configuration, and its page for
 * the root and the issuer's redirect back. They are open to anyone: they hold no data, and the page signs its person
 * in before it calls the API, which keeps asking for a token as before.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ScreenProperties.class)
@Import(ScreenController.class)
public class TradingScreenAutoConfiguration {

    @Bean
    ApiAccessRules tradingScreenRules() {
        return rules -> rules.requestMatchers(HttpMethod.GET, "/", "/index.html", ScreenController.CALLBACK,
                "/screen/**", "/webjars/**", "/favicon.ico").permitAll();
    }
}
