package io.bourse.platform.testing;

import io.bourse.events.Actor;
import io.bourse.infrastructure.TestInfrastructure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts one of the services for a test: on the shared test infrastructure, with a database of its own. */
public final class ServiceUnderTest {

    private ServiceUnderTest() {
    }

    /**
     * Starts {@code application} with its configuration {@code configName}, on a random HTTP port, under a service
     * name of its own (its topics are then apart from other tests'), with {@code extra} over everything else.
     */
    public static ConfigurableApplicationContext start(Class<?> application, String configName, String service,
                                                       Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>(TestInfrastructure.shared().springProperties(service));
        properties.put("spring.config.name", configName);
        properties.put("server.port", "0");
        properties.put("bourse.messaging.service", service + UUID.randomUUID().toString().substring(0, 8));
        properties.putAll(extra);
        // As command-line arguments, so they win over the service's own configuration file.
        return new SpringApplicationBuilder(application).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
    }

    /**
     * The service's commands as an admin gives them: tests that drive aggregates directly act in the name of someone
     * allowed to do anything, as every command of a request names its caller.
     */
    public static CommandGateway adminCommands(ConfigurableApplicationContext service) {
        Actor admin = Actor.of("test-admin", List.of(Actor.ADMIN));
        MessageDispatchInterceptor<CommandMessage<?>> asAdmin =
                messages -> (index, command) -> command.andMetaData(admin.metaData());
        return DefaultCommandGateway.builder()
                .commandBus(service.getBean(CommandBus.class))
                .dispatchInterceptors(asAdmin)
                .build();
    }
}
