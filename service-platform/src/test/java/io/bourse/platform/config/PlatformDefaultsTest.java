package io.bourse.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsTest {

    private static StandardEnvironment prepared(Map<String, Object> given) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", given));
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void tracesAreSampledOnlyWhereSpansHaveSomewhereToGo() {
        assertThat(prepared(Map.of()).getProperty(PlatformDefaults.SAMPLING)).isEqualTo("0.0");
        assertThat(prepared(Map.of(PlatformDefaults.OTLP_ENDPOINT, "http://collector:4318/v1/traces"))
                .getProperty(PlatformDefaults.SAMPLING)).isEqualTo("0.1");
        assertThat(prepared(Map.of(PlatformDefaults.SAMPLING, "0.5")).getProperty(PlatformDefaults.SAMPLING))
                .isEqualTo("0.5");
    }

    @Test
    void logFormatJsonMeansBootsEcsFormatOnConsoleAndFile() {
        StandardEnvironment json = prepared(Map.of("LOG_FORMAT", "json"));
        assertThat(json.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(json.getProperty("logging.structured.format.file")).isEqualTo("ecs");
        assertThat(prepared(Map.of()).getProperty("logging.structured.format.console")).isNull();
        assertThat(prepared(Map.of("LOG_FORMAT", "json", "logging.structured.format.console", "logstash"))
                .getProperty("logging.structured.format.console")).isEqualTo("logstash");
        assertThatThrownBy(() -> prepared(Map.of("LOG_FORMAT", "yaml"))).hasMessageContaining("yaml");
    }
}
