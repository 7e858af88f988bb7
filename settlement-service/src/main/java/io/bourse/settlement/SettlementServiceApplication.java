package io.bourse.settlement;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class SettlementServiceApplication {

    /** The service reads settlement-service.yml, not application.yml, so several services can share one classpath. */
    public static final String CONFIG_NAME = "settlement-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(SettlementServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
