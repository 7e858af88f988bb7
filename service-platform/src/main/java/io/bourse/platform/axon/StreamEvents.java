package io.bourse.platform.axon;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Part of one aggregate's stream as the event store keeps it: the events within a range of sequence numbers whose
 * payload names a value, upcast and deserialized as loading the aggregate would. The value is looked for inside
 * PostgreSQL, so only the events that name it leave the database, and the range bounds what it reads (the unique
 * index on aggregate and sequence finds its start). For the history of one thing that lives inside a larger stream,
 * such as an order in its book's.
 */
public class StreamEvents {

    private final JdbcTemplate jdbc;
    private final EventSchema schema;
    private final Serializer serializer;
    private final org.axonframework.config.Configuration axon;

    StreamEvents(JdbcTemplate jdbc, EventSchema schema, Serializer serializer,
                 org.axonframework.config.Configuration axon) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.serializer = serializer;
        this.axon = axon;
    }

    /** The stream's last sequence number; -1 when it has no events. */
    public long lastSequence(String aggregateIdentifier) {
        Long last = jdbc.queryForObject("select max(" + schema.sequenceNumberColumn() + ") from "
                + schema.domainEventTable() + " where " + schema.aggregateIdentifierColumn() + " = ?", Long.class,
                aggregateIdentifier);
        return last == null ? -1 : last;
    }

    /**
     * Up to {@code limit} events from {@code from} to {@code to} (both included), oldest first, whose payload holds
     * {@code value} as a JSON string. The payload is matched as text: an event that names the value in any field is
     * answered, and the caller decides which of them it wants.
     */
    public List<DomainEventMessage<?>> naming(String aggregateIdentifier, long from, long to, String value,
                                               int limit) {
        List<DomainEventData<?>> rows = jdbc.query("select " + String.join(", ", schema.typeColumn(),
                        schema.sequenceNumberColumn(), schema.eventIdentifierColumn(), schema.timestampColumn(),
                        schema.payloadTypeColumn(), schema.payloadRevisionColumn(), schema.payloadColumn(),
                        schema.metaDataColumn())
                        + " from " + schema.domainEventTable()
                        + " where " + schema.aggregateIdentifierColumn() + " = ? and "
                        + schema.sequenceNumberColumn() + " between ? and ? and position(? in "
                        + schema.payloadColumn() + ") > 0 order by " + schema.sequenceNumberColumn() + " limit ?",
                (rs, row) -> new GenericDomainEventEntry<>(rs.getString(1), aggregateIdentifier, rs.getLong(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getBytes(7),
                        rs.getBytes(8)),
                aggregateIdentifier, from, to, jsonString(value), limit);
        return EventStreamUtils.asStream(EventStreamUtils.upcastAndDeserializeDomainEvents(rows.stream(),
                serializer, axon.upcasterChain())).<DomainEventMessage<?>>map(event -> event).toList();
    }

    /** The value as a JSON string, quotes included, in UTF-8: ids need no escaping, anything else gets it. */
    private static byte[] jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }
}
