package io.bourse.platform.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Names the holds of a trade's two sides in events stored before the events carried them: until then each order's
 * hold was named by its order id, so {@code buyReservationId} is the {@code buyOrderId} and {@code sellReservationId}
 * the {@code sellOrderId}. One upcaster per event type and revision.
 */
public final class ReservationIdsUpcaster extends SingleEventUpcaster {

    private final SerializedType from;
    private final SerializedType to;

    public ReservationIdsUpcaster(Class<?> eventType, String fromRevision, String toRevision) {
        this.from = new SimpleSerializedType(eventType.getName(), fromRevision);
        this.to = new SimpleSerializedType(eventType.getName(), toRevision);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            event.set("buyReservationId", event.get("buyOrderId"));
            event.set("sellReservationId", event.get("sellOrderId"));
            return event;
        });
    }
}
