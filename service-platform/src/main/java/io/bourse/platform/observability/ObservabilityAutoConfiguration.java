package io.bourse.platform.observability;

import io.bourse.platform.commandbus.ReplyScope;
import io.micrometer.tracing.Tracer;
import java.util.Set;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

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
    static final String UNTRACED_PROCESSORS = "bourse.tracing.untraced-processors";

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

        /**
         * Events of every processor, sagas included, except those named in {@value #UNTRACED_PROCESSORS}; the
         * processor names the span. An event read from the event store has its metadata deserialized only when
         * something asks for it, and a projection that sends nothing would never ask: reading the trace there costs
         * a deserialization per event (one to two microseconds). A processor left out still carries traces on to
         * whatever it sends; only its own spans and log ids are missing.
         */
        @Bean
        ConfigurerModule tracedEventHandling(MessageTraces traces, Environment environment) {
            Set<String> untraced = Binder.get(environment)
                    .bind(UNTRACED_PROCESSORS, Bindable.setOf(String.class)).orElse(Set.of());
            MessageHandlerInterceptor<Message<?>> passThrough = (unitOfWork, chain) -> chain.proceed();
            return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                    (config, processor) -> untraced.contains(processor) ? passThrough
                            : new TracingHandlerInterceptor(traces, processor));
        }

        /** A command's callback runs in the command's trace, whichever thread brings the answer. */
        @Bean
        ReplyScope traceReplyScope(MessageTraces traces) {
            return command -> traces.enter(command)::close;
        }
    }
}
