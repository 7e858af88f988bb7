package io.bourse.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's rules on who may call which of its endpoints beyond "any valid token": its operator endpoints. Each
 * service declares one bean; the shared chain applies them before its own rules.
 */
@FunctionalInterface
public interface ApiAccessRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
