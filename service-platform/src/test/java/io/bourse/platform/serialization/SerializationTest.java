package io.bourse.platform.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
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
    void metadataIsReadByTheDeserializerThatLooksUpItsMapOnce() throws Exception {
        ObjectMapper mapper = serializer.getObjectMapper();
        DefaultDeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);

        assertThat(context.findRootValueDeserializer(mapper.constructType(MetaData.class)))
                .isInstanceOf(MetaDataDeserializer.class);
    }
}
