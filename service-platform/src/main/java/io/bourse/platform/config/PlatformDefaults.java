package io.bourse.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Settings every service shares (actuator exposure, Axon without Axon Server, graceful shutdown), added last so a
 * service's own configuration and the environment override any of them.
 * <p>
 * The log format is one switch, {@code LOG_FORMAT} (or {@code bourse.logging.format}): {@code text}, the default, or
 * {@code json} for Spring Boot's structured logging in the Elastic Common Schema on the console and in the log file;
 * {@code ecs}, {@code logstash} and {@code gelf} name one of Boot's formats directly. An explicit
 * {@code logging.structured.format.console} or {@code .file} still wins.
 * <p>
 * Traces are sampled at 0.1 where spans have somewhere to go (an OTLP endpoint is set), otherwise not at all: a
 * recorded span that nobody receives is CPU spent for nothing. Trace ids still reach logs, responses and messages.
 * An explicit {@code management.tracing.sampling.probability} wins.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "bourse-platform-defaults.yml";
    static final String LOG_FORMAT = "bourse.logging.format";
    static final String SAMPLING = "management.tracing.sampling.probability";
    static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    private static final Set<String> STRUCTURED_FORMATS = Set.of("ecs", "logstash", "gelf");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader()
                    .load("bourse-platform-defaults", new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        if (!environment.containsProperty(SAMPLING)) {
            environment.getPropertySources().addLast(new MapPropertySource("bourse-trace-sampling",
                    Map.of(SAMPLING, environment.containsProperty(OTLP_ENDPOINT) ? "0.1" : "0.0")));
        }
        String structured = structuredFormat(environment.getProperty(LOG_FORMAT, "text"));
        if (structured != null) {
            environment.getPropertySources().addLast(new MapPropertySource("bourse-log-format", Map.of(
                    "logging.structured.format.console", structured,
                    "logging.structured.format.file", structured)));
        }
    }

    /** Boot's structured format for a {@code LOG_FORMAT}; null for plain text. */
    static String structuredFormat(String format) {
        String name = format.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals("text") || name.equals("plain")) {
            return null;
        }
        if (name.equals("json")) {
            return "ecs";
        }
        if (STRUCTURED_FORMATS.contains(name)) {
            return name;
        }
        throw new IllegalArgumentException(LOG_FORMAT + " (LOG_FORMAT) is '" + format
                + "': it is text, json, ecs, logstash or gelf");
    }
}
