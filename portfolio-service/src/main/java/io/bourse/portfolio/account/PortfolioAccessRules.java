package io.bourse.portfolio.account;

import io.bourse.events.Actor;
import io.bourse.platform.security.ApiAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what on portfolio-service beyond any valid token: crediting an account (money or units arriving from
 * outside) and freezing or unfreezing one are an operator's. Opening an account is any trader's, for themselves;
 * reading one and withdrawing from it are its owner's ({@code Access}).
 */
@Configuration(proxyBeanMethods = false)
class PortfolioAccessRules {

    @Bean
    ApiAccessRules portfolioServiceRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.POST, AccountController.ACCOUNTS + "/*/deposits",
                        AccountController.ACCOUNTS + "/*/freeze", AccountController.ACCOUNTS + "/*/unfreeze")
                .hasAnyRole(Actor.OPERATOR, Actor.ADMIN);
    }
}
