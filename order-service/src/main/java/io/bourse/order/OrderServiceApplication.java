package io.bourse.order;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class OrderServiceApplication {

    /** The service reads order-service.yml, not application.yml, so several services can share one classpath. */
    public static final String CONFIG_NAME = "order-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(OrderServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
