package io.bourse.e2e;

import io.bourse.infrastructure.TestInfrastructure;
import io.bourse.order.OrderServiceApplication;
import io.bourse.portfolio.PortfolioServiceApplication;
import io.bourse.settlement.SettlementServiceApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services, each a Spring application with its own database, on one PostgreSQL server and one Kafka
 * broker. They share nothing but Kafka, exactly as when they run as separate processes. A service can be stopped
 * and started again on the same database, as after a crash or a deployment.
 */
final class BourseStack implements AutoCloseable {

    /** Topic names carry the service names; a suffix keeps this stack's topics apart from other tests' on the broker. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String[]> arguments = new LinkedHashMap<>();
    private ConfigurableApplicationContext portfolio;
    private ConfigurableApplicationContext order;
    private ConfigurableApplicationContext settlement;

    BourseStack() {
        portfolio = start(PortfolioServiceApplication.class, "portfolio");
        order = start(OrderServiceApplication.class, "order");
        settlement = start(SettlementServiceApplication.class, "settlement");
    }

    private ConfigurableApplicationContext start(Class<?> application, String service) {
        String[] args = arguments.computeIfAbsent(service, this::argumentsFor);
        return new SpringApplicationBuilder(application).run(args);
    }

    /** As command-line arguments, so they win over the service's own configuration file. */
    private String[] argumentsFor(String service) {
        Map<String, Object> properties = new LinkedHashMap<>(TestInfrastructure.shared().springProperties(service));
        properties.put("spring.config.name", service + "-service");
        properties.put("server.port", "0");
        properties.put("bourse.messaging.service", service + run);
        properties.put("bourse.messaging.consumes", switch (service) {
            case "settlement" -> "order" + run;
            default -> "";
        });
        properties.put("bourse.messaging.command-owners[io.bourse.events.order]", "order" + run);
        properties.put("bourse.messaging.command-owners[io.bourse.events.portfolio]", "portfolio" + run);
        properties.put("bourse.messaging.command-owners[io.bourse.events.settlement]", "settlement" + run);
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
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

    void stopSettlement() {
        settlement.close();
    }

    /** settlement-service again, on its database as it was left; its HTTP port changes. */
    void startSettlement() {
        settlement = start(SettlementServiceApplication.class, "settlement");
    }

    static String baseUrl(ConfigurableApplicationContext service) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (settlement.isActive()) {
            settlement.close();
        }
        order.close();
        portfolio.close();
    }
}
