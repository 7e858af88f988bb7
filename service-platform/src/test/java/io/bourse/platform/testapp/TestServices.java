package io.bourse.platform.testapp;

import io.bourse.infrastructure.TestInfrastructure;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the test applications as services on the shared test infrastructure, each with its own database. */
public final class TestServices {

    /** Topic names carry the service name: a fresh suffix keeps test runs apart on a shared broker. */
    public static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private TestServices() {
    }

    public static String name(String service) {
        return service + RUN;
    }

    public static ConfigurableApplicationContext start(Class<?> application, String service, Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.shared().springProperties(service));
        properties.put("server.port", "0");
        properties.put("spring.flyway.locations", "classpath:db/platform");
        properties.put("bourse.messaging.service", name(service));
        properties.put("bourse.messaging.command-timeout", "3s");
        properties.put("bourse.messaging.command-owners[io.bourse.platform.testapp.commands]", name("beta"));
        properties.put("bourse.messaging.command-owners[io.bourse.platform.testapp.orphan]", name("nobody"));
        properties.putAll(extra);
        return new SpringApplicationBuilder(application).properties(properties).run();
    }
}
