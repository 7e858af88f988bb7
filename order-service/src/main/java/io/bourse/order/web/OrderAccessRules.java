package io.bourse.order.web;

import io.bourse.events.Actor;
import io.bourse.platform.security.ApiAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what on order-service beyond any valid token: listing an instrument is an operator's. Everything
 * else is open to any trader, on their own accounts and orders only ({@code Access}); the book and the public tape
 * are for every trader.
 */
@Configuration(proxyBeanMethods = false)
class OrderAccessRules {

    @Bean
    ApiAccessRules orderServiceRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, "/api/v1/instruments").hasAnyRole(Actor.OPERATOR, Actor.ADMIN);
    }
}
