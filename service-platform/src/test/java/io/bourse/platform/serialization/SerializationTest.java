package io.bourse.platform.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class SerializationTest {

    private final JacksonSerializer serializer = Serialization.serializer();

    @Test
    void metadataReadsBackAsItWasWritten() {
        MetaData written = MetaData.from(Map.of("traceId", "3f1c", "correlationId", "a-7", "attempt", 3,
                "tags", List.of("x", "y"), "nested", Map.of("k", true)));

        SerializedObject<byte[]> bytes = serializer.serialize(written, byte[].class);
        MetaData read = serializer.deserialize(bytes);

        assertThat(read).isEqualTo(written);
        assertThat(serializer.<byte[], MetaData>deserialize(serializer.serialize(MetaData.emptyInstance(),
                byte[].class))).isEmpty();
    }

    @Test
    void typeNamesResolveToTheirClassesAndUnknownNamesToUnknownTypesEveryTime() {
        SimpleSerializedType known = new SimpleSerializedType(Instant.class.getName(), null);
        SimpleSerializedType unknown = new SimpleSerializedType("io.bourse.NoSuchEvent", "1");

        for (int i = 0; i < 2; i++) {
            assertThat(serializer.classForType(known)).isEqualTo(Instant.class);
            assertThat(serializer.classForType(unknown)).isEqualTo(UnknownSerializedType.class);
            assertThat(serializer.classForType(SimpleSerializedType.emptyType())).isEqualTo(Void.class);
        }
    }

    @Test
    void metadataIsReadByTheDeserializerThatLooksUpItsMapOnce() throws Exception {
        ObjectMapper mapper = serializer.getObjectMapper();
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);

        assertThat(context.findRootValueDeserializer(mapper.constructType(MetaData.class)))
                .isInstanceOf(MetaDataDeserializer.class);
    }

    @Test
    void instantsReadBackAsTheyWereWrittenWhateverTheirFraction() throws Exception {
        ObjectMapper mapper = serializer.getObjectMapper();
        Random random = new Random(7);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long second = from + (long) (random.nextDouble() * (to - from));
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant written = Instant.ofEpochSecond(second, nanos);
            String json = mapper.writeValueAsString(written);

            assertThat(mapper.readValue(json, Instant.class)).as(json).isEqualTo(written);
            assertThat(IsoInstantDeserializer.parse(json.substring(1, json.length() - 1))).as(json).isEqualTo(written);
        }
    }

    @Test
    void instantsInOtherFormsAreReadOrRefusedAsTheJavaTimeModuleDoes() throws Exception {
        ObjectMapper ours = serializer.getObjectMapper();
        ObjectMapper module = new ObjectMapper().registerModule(new JavaTimeModule());
        int refused = 0;
        for (String json : List.of("\"2026-12-01T14:49:12.5+01:00\"", "1764600552.250000000", "1764600552",
                "\"1764600552.25\"", "\"+12026-12-01T14:49:12Z\"", "\"2024-02-29T23:59:59.9Z\"",
                "\"2026-12-01T14:49Z\"", "\"2026-12-01T14:49:12.1234567890Z\"", "\"2026-02-30T00:00:00Z\"",
                "\"2026-12-01T25:00:00Z\"", "\"2026-12-01T14:49:12.Z\"", "\"2026-12-01 14:49:12Z\"",
                "\"yesterday\"")) {
            Instant expected;
            try {
                expected = module.readValue(json, Instant.class);
            } catch (InvalidFormatException e) {
                refused++;
                assertThatThrownBy(() -> ours.readValue(json, Instant.class)).as(json)
                        .isInstanceOf(InvalidFormatException.class);
                continue;
            }
            assertThat(ours.readValue(json, Instant.class)).as(json).isEqualTo(expected);
        }
        assertThat(refused).isEqualTo(6);
    }
}
