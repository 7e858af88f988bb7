package io.bourse.platform.commandbus;

import io.bourse.events.DomainException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * The wire format of commands and their replies on Kafka: the serialized payload as the record value, everything
 * else in headers. Exceptions travel as type, message and, for domain exceptions, kind and code, and are rebuilt as
 * the same type on the sender's side where that type is known there.
 */
final class CommandCodec {

    static final String MESSAGE_ID = "bourse-message-id";
    static final String COMMAND_NAME = "bourse-command-name";
    static final String PAYLOAD_TYPE = "bourse-payload-type";
    static final String PAYLOAD_REVISION = "bourse-payload-revision";
    static final String META_DATA = "bourse-meta-data";
    static final String REPLY_TO = "bourse-reply-to";
    static final String CORRELATION_ID = "bourse-correlation-id";
    static final String ERROR_TYPE = "bourse-error-type";
    static final String ERROR_MESSAGE = "bourse-error-message";
    static final String ERROR_KIND = "bourse-error-kind";
    static final String ERROR_CODE = "bourse-error-code";

    private final Serializer serializer;

    CommandCodec(Serializer serializer) {
        this.serializer = serializer;
    }

    ProducerRecord<String, byte[]> command(String topic, String key, CommandMessage<?> command, String replyTo) {
        SerializedObject<byte[]> payload = serializer.serialize(command.getPayload(), byte[].class);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, payload.getData());
        Headers headers = record.headers();
        put(headers, MESSAGE_ID, command.getIdentifier());
        put(headers, COMMAND_NAME, command.getCommandName());
        put(headers, PAYLOAD_TYPE, payload.getType().getName());
        put(headers, PAYLOAD_REVISION, payload.getType().getRevision());
        headers.add(META_DATA, serializer.serialize(command.getMetaData(), byte[].class).getData());
        put(headers, REPLY_TO, replyTo);
        return record;
    }

    CommandMessage<?> command(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(record.value(), byte[].class,
                get(headers, PAYLOAD_TYPE), get(headers, PAYLOAD_REVISION)));
        MetaData metaData = serializer.deserialize(new SimpleSerializedObject<>(
                headers.lastHeader(META_DATA).value(), byte[].class, MetaData.class.getName(), null));
        return new GenericCommandMessage<>(new GenericMessage<>(get(headers, MESSAGE_ID), payload, metaData),
                get(headers, COMMAND_NAME));
    }

    Optional<String> replyTo(ConsumerRecord<String, byte[]> record) {
        return Optional.ofNullable(get(record.headers(), REPLY_TO));
    }

    String messageId(ConsumerRecord<String, byte[]> record) {
        return get(record.headers(), MESSAGE_ID);
    }

    ProducerRecord<String, byte[]> reply(String topic, String correlationId, CommandResultMessage<?> result) {
        byte[] value = null;
        String payloadType = null;
        String revision = null;
        if (!result.isExceptional() && result.getPayload() != null) {
            SerializedObject<byte[]> payload = serializer.serialize(result.getPayload(), byte[].class);
            value = payload.getData();
            payloadType = payload.getType().getName();
            revision = payload.getType().getRevision();
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, correlationId, value);
        Headers headers = record.headers();
        put(headers, CORRELATION_ID, correlationId);
        put(headers, PAYLOAD_TYPE, payloadType);
        put(headers, PAYLOAD_REVISION, revision);
        headers.add(META_DATA, serializer.serialize(result.getMetaData(), byte[].class).getData());
        if (result.isExceptional()) {
            Throwable error = result.exceptionResult();
            put(headers, ERROR_TYPE, error.getClass().getName());
            put(headers, ERROR_MESSAGE, error.getMessage());
            if (error instanceof DomainException domain) {
                put(headers, ERROR_KIND, domain.kind().name());
                put(headers, ERROR_CODE, domain.code());
            }
        }
        return record;
    }

    String correlationId(ConsumerRecord<String, byte[]> record) {
        return get(record.headers(), CORRELATION_ID);
    }

    CommandResultMessage<?> reply(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        MetaData metaData = serializer.deserialize(new SimpleSerializedObject<>(
                headers.lastHeader(META_DATA).value(), byte[].class, MetaData.class.getName(), null));
        String errorType = get(headers, ERROR_TYPE);
        if (errorType != null) {
            Throwable error = rebuild(errorType, get(headers, ERROR_MESSAGE), get(headers, ERROR_KIND),
                    get(headers, ERROR_CODE));
            return new GenericCommandResultMessage<>(error, metaData);
        }
        String payloadType = get(headers, PAYLOAD_TYPE);
        Object payload = payloadType == null ? null : serializer.deserialize(new SimpleSerializedObject<>(
                record.value(), byte[].class, payloadType, get(headers, PAYLOAD_REVISION)));
        return new GenericCommandResultMessage<>(payload, metaData);
    }

    /** The same exception type where this side knows it, otherwise a {@link RemoteCommandException}. */
    static Throwable rebuild(String type, String message, String kind, String code) {
        try {
            Class<?> errorClass = Class.forName(type, false, CommandCodec.class.getClassLoader());
            if (errorClass == DomainException.class && kind != null) {
                return new DomainException(DomainException.Kind.valueOf(kind), code, message);
            }
            if (Throwable.class.isAssignableFrom(errorClass)) {
                for (Constructor<?> constructor : errorClass.getConstructors()) {
                    Class<?>[] parameters = constructor.getParameterTypes();
                    if (parameters.length == 1 && parameters[0] == String.class) {
                        return (Throwable) constructor.newInstance(message);
                    }
                }
                for (Constructor<?> constructor : errorClass.getConstructors()) {
                    Class<?>[] parameters = constructor.getParameterTypes();
                    // Axon's exceptions of the (identifier, message) shape, such as AggregateNotFoundException.
                    if (parameters.length == 2 && parameters[0] == String.class && parameters[1] == String.class) {
                        return (Throwable) constructor.newInstance(null, message);
                    }
                }
            }
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            // fall through: the type stays known by name
        }
        return new RemoteCommandException(type, message);
    }

    private static void put(Headers headers, String key, String value) {
        if (value != null) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String get(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
