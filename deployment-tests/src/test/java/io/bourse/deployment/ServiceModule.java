package io.bourse.deployment;

import io.bourse.platform.messaging.MessagingProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * One service as its own configuration describes it, bound the way Spring Boot binds it at start: the environment
 * first (with relaxed names), then the service's {@code <module>.yml}, then the platform's defaults.
 */
record ServiceModule(String module) {

    /** bourse_order for order-service: one database per service, named as local-stack names them. */
    String database() {
        return "bourse_" + module.substring(0, module.length() - "-service".length());
    }

    Path sourceRoot() {
        return Project.root().resolve(module);
    }

    List<PropertySource<?>> ownConfiguration() {
        return Project.yaml(sourceRoot().resolve("src/main/resources/" + module + ".yml"));
    }

    Binder binder(Map<String, String> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        // Named as the JVM's environment is, so that Spring maps SPRING_KAFKA_BOOTSTRAP_SERVERS and the like.
        sources.addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(environment)));
        ownConfiguration().forEach(sources::addLast);
        Project.platformDefaults().forEach(sources::addLast);
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
    }

    /** The port the service listens on when nothing overrides it: the default of server.port in its yml. */
    int defaultPort() {
        return binder(Map.of()).bind("server.port", Integer.class)
                .orElseThrow(() -> new IllegalStateException(module + " sets no server.port"));
    }

    MessagingProperties messaging(Map<String, String> environment) {
        return binder(environment).bindOrCreate("bourse.messaging", MessagingProperties.class);
    }
}
