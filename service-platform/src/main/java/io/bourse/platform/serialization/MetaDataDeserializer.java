package io.bourse.platform.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Reads a message's metadata as a map of strings to values, with the map's deserializer found once. Axon's own
 * metadata deserializer looks that deserializer up again for every message it reads, and every processor reads
 * the metadata of every event (for its correlation data): profiling showed it as a third of the event forwarder.
 */
final class MetaDataDeserializer extends StdDeserializer<MetaData> implements ResolvableDeserializer {

    private transient JsonDeserializer<Object> map;

    MetaDataDeserializer() {
        super(MetaData.class);
    }

    @Override
    public void resolve(DeserializationContext context) throws JsonMappingException {
        map = context.findRootValueDeserializer(
                context.getTypeFactory().constructMapType(HashMap.class, String.class, Object.class));
    }

    @Override
    @SuppressWarnings("unchecked")
    public MetaData deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return MetaData.from((Map<String, ?>) map.deserialize(parser, context));
    }

    @Override
    public Object deserializeWithType(JsonParser parser, DeserializationContext context,
                                      TypeDeserializer typeDeserializer) throws IOException {
        return typeDeserializer.deserializeTypedFromObject(parser, context);
    }
}
