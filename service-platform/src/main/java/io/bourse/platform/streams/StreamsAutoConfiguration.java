package io.bourse.platform.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** Every service's live streams ({@link LiveStreams}), and a gauge of the streams open. */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(StreamProperties.class)
public class StreamsAutoConfiguration {

    @Bean
    LiveStreams liveStreams(JsonMapper json, StreamProperties properties, MeterRegistry registry) {
        LiveStreams streams = new LiveStreams(json, properties);
        Gauge.builder("bourse.streams.open", streams, LiveStreams::subscribers)
                .description("Server-sent event streams open now").register(registry);
        return streams;
    }
}
