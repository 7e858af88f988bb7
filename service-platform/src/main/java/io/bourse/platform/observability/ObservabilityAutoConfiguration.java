package io.bourse.platform.observability;

import io.bourse.platform.commandbus.ReplyScope;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Logs and traces of every service: the request id and access log of each HTTP request, and the trace of a request
 * carried in message metadata through the commands and events it causes, across services, with a span per handled
 * message of a sampled trace. Spans leave by OTLP once {@code management.opentelemetry.tracing.export.otlp.endpoint}
 * is set; sampling follows {@code management.tracing.sampling.probability}.
 */
@AutoConfiguration(after = {MicrometerTracingAutoConfiguration.class, OpenTelemetryTracingAutoConfiguration.class,
        NoopTracerAutoConfiguration.class})
public class ObservabilityAutoConfiguration {

    /** Inside the HTTP server observation (which starts the request's span), before Spring Security. */
    static final int REQUEST_LOG_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<RequestLog> requestLog(ObjectProvider<MessageTraces> traces) {
        FilterRegistrationBean<RequestLog> registration = new FilterRegistrationBean<>(
                new RequestLog(traces.getIfAvailable()));
        registration.setOrder(REQUEST_LOG_ORDER);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(Tracer.class)
    static class MessageTracing {

        @Bean
        MessageTraces messageTraces(Tracer tracer) {
            return new MessageTraces(tracer);
        }

        /** The trace and request id into commands sent from outside a handler, and into all a handler sends. */
        @Bean
        TraceMetaData traceMetaData(MessageTraces traces) {
            return new TraceMetaData(traces);
        }

        /** Commands of the local bus, whether from this service's API or from another service over Kafka. */
        @Bean
        InitializingBean tracedCommandHandling(MessageTraces traces,
                                               @Qualifier("localSegment") ObjectProvider<CommandBus> localSegment) {
            return () -> localSegment.ifAvailable(bus -> bus.registerHandlerInterceptor(
                    new TracingHandlerInterceptor(traces, null)));
        }

        /** Events of every processor, sagas included; the processor names the span. */
        @Bean
        ConfigurerModule tracedEventHandling(MessageTraces traces) {
            return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                    (config, processor) -> new TracingHandlerInterceptor(traces, processor));
        }

        /** A command's callback runs in the command's trace, whichever thread brings the answer. */
        @Bean
        ReplyScope traceReplyScope(MessageTraces traces) {
            return command -> traces.enter(command)::close;
        }
    }
}
