package io.bourse.platform.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A process that logs as a service does, with Spring Boot's own logging set-up and the platform's defaults, and
 * tracing: one line outside any span, one inside a span, one with an exception. It prints the span's ids on a line
 * of its own ({@value #SPAN_MARKER}) for the test to compare.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ObservationAutoConfiguration.class, OpenTelemetrySdkAutoConfiguration.class,
        MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class})
public class LoggingApplication {

    static final String SPAN_MARKER = "SPAN ";
    private static final Logger log = LoggerFactory.getLogger(LoggingApplication.class);

    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LoggingApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.application.name=logging-probe", "spring.main.banner-mode=off",
                        "management.tracing.sampling.probability=1.0")
                .run(args)) {
            Tracer tracer = context.getBean(Tracer.class);
            log.info("outside any span");
            Span span = tracer.nextSpan().name("probe").start();
            try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
                log.info("inside a span");
                log.warn("a failure", new IllegalStateException("it broke"));
            } finally {
                span.end();
            }
            System.out.println(SPAN_MARKER + span.context().traceId() + " " + span.context().spanId());
        }
    }
}
