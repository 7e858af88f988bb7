package io.bourse.platform.serialization;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * How every message, snapshot, token and saga is written: Jackson, by fields. Aggregates keep their state in
 * private fields without getters, so field visibility is what makes their snapshots complete.
 */
public final class Serialization {

    private Serialization() {
    }

    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                // After the Java time module, so that it reads instants in the form they are written, and only those.
                .registerModule(new SimpleModule("bourse-instants")
                        .addDeserializer(Instant.class, new IsoInstantDeserializer()))
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // An upcaster reads events as a JSON tree: amounts must stay exact decimals there, with their scale.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    public static JacksonSerializer serializer() {
        JacksonSerializer serializer = new TypeCachingJacksonSerializer(JacksonSerializer.builder()
                .objectMapper(objectMapper()).lenientDeserialization());
        // Registered after Axon's own metadata deserializer, so it takes its place.
        serializer.getObjectMapper().registerModule(
                new SimpleModule("bourse-metadata").addDeserializer(MetaData.class, new MetaDataDeserializer()));
        return serializer;
    }
}
