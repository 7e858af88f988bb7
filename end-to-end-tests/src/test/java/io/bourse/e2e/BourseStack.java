package io.bourse.e2e;

import io.bourse.infrastructure.TestInfrastructure;
import io.bourse.order.OrderServiceApplication;
import io.bourse.portfolio.PortfolioServiceApplication;
import io.bourse.settlement.SettlementServiceApplication;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services, each a Spring application with its own database, on one PostgreSQL server and one Kafka
 * broker. They share nothing but Kafka, exactly as when they run as separate processes.
 */
final class BourseStack implements AutoCloseable {

    /** Topic names carry the service names; a suffix keeps this stack's topics apart from other tests' on the broker. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ConfigurableApplicationContext portfolio;
    private final ConfigurableApplicationContext order;
    private final ConfigurableApplicationContext settlement;

    BourseStack() {
        portfolio = start(PortfolioServiceApplication.class, "portfolio");
        order = start(OrderServiceApplication.class, "order");
        settlement = start(SettlementServiceApplication.class, "settlement");
    }

    private ConfigurableApplicationContext start(Class<?> application, String service) {
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.shared().springProperties(service));
        properties.put("spring.config.name", service + "-service");
        properties.put("server.port", "0");
        properties.put("bourse.messaging.service", service + run);
        properties.put("bourse.messaging.consumes", switch (service) {
            case "order" -> "portfolio" + run;
            case "settlement" -> "order" + run + ",portfolio" + run;
            default -> "";
        });
        properties.put("bourse.messaging.command-owners[io.bourse.events.order]", "order" + run);
        properties.put("bourse.messaging.command-owners[io.bourse.events.portfolio]", "portfolio" + run);
        properties.put("bourse.messaging.command-owners[io.bourse.events.settlement]", "settlement" + run);
        // As command-line arguments, so they win over the service's own application.yml.
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(application).run(arguments);
    }

    ConfigurableApplicationContext order() {
        return order;
    }

    ConfigurableApplicationContext portfolio() {
        return portfolio;
    }

    ConfigurableApplicationContext settlement() {
        return settlement;
    }

    static String baseUrl(ConfigurableApplicationContext service) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        settlement.close();
        order.close();
        portfolio.close();
    }
}
