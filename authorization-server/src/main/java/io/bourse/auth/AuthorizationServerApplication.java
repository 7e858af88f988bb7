package io.bourse.auth;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The OAuth 2.1 / OpenID Connect issuer of local runs and tests: Spring Authorization Server with the dev clients and
 * dev users of {@code authorization-server.yml}. Elsewhere the services trust whatever issuer they are configured with.
 */
@SpringBootApplication
@EnableConfigurationProperties(AuthProperties.class)
public class AuthorizationServerApplication {

    /** Reads authorization-server.yml, not application.yml, as the services read their own files. */
    public static final String CONFIG_NAME = "authorization-server";

    public static void main(String[] args) {
        new SpringApplicationBuilder(AuthorizationServerApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
