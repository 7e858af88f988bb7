package io.bourse.platform.serialization;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, remembering the class each type name it has resolved stands for. Axon asks for the class
 * of every message's payload before it decides which handler takes it, in every processor, and Jackson looks it up in
 * the class loader each time: a few percent of each processor. Names it cannot resolve are left to Axon, which
 * remembers those itself; the classes a service knows are few, so the map stays small.
 */
final class TypeCachingJacksonSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    TypeCachingJacksonSerializer(JacksonSerializer.Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class && resolved != Void.class) {
            classes.put(type.getName(), resolved);
        }
        return resolved;
    }
}
