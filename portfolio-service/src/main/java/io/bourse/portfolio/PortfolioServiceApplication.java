package io.bourse.portfolio;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class PortfolioServiceApplication {

    /** The service reads portfolio-service.yml, not application.yml, so several services can share one classpath. */
    public static final String CONFIG_NAME = "portfolio-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(PortfolioServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }
}
