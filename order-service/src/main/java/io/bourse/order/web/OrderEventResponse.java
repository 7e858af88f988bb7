package io.bourse.order.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bourse.events.Actor;
import io.bourse.events.order.OrderAccepted;
import io.bourse.events.order.OrderCancelled;
import io.bourse.events.order.OrderExpired;
import io.bourse.events.order.OrderFilled;
import io.bourse.events.order.OrderPlaced;
import io.bourse.events.order.OrderRejected;
import io.bourse.events.order.OrderRested;
import io.bourse.events.order.ReservationReleaseDue;
import io.bourse.events.order.ReservationRequested;
import io.bourse.events.order.TimeInForce;
import io.bourse.events.order.TradeExecuted;
import io.bourse.order.query.OrderView;
import io.bourse.platform.serialization.Serialization;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * One event of an order's audit trail, as the event store keeps it, for one caller: a trade names the other side's
 * order, account and hold only when that side is the caller's too (an admin sees both), as {@link TradeResponse}
 * does; and the actor of an event is named when it is the caller, an admin or an operator, or the caller is an
 * admin, so a counterparty whose order traded with this one stays unnamed.
 */
public record OrderEventResponse(
        @Schema(description = "The event's sequence number in its book's stream", example = "41") long sequence,
        @Schema(description = "What happened: OrderPlaced, ReservationRequested, OrderAccepted, OrderRejected, "
                + "OrderRested, TradeExecuted, OrderFilled, OrderCancelled, OrderExpired, ReservationReleaseDue",
                example = "TradeExecuted") String type,
        @Schema(description = "When the book recorded it", example = "2026-12-01T09:30:00.120Z") Instant at,
        @Schema(description = "Why, in a few words", example = "traded 4 at 101.25 against order "
                + "5d1e0c9a-7b2f-4e3d-8a6c-0f9e8d7c6b5a") String cause,
        @Schema(description = "Who asked for it (the token subject), when the caller may know", example = "alice")
        String actor,
        @Schema(description = "The event as stored: decimals as strings, times ISO-8601 UTC; another account's ids "
                + "are null") Map<String, Object> data) {

    private static final ObjectMapper JSON = Serialization.objectMapper();

    static OrderEventResponse of(DomainEventMessage<?> event, OrderView order, Predicate<String> shownAccounts,
                                 Actor caller) {
        Object payload = event.getPayload();
        Actor actor = Actor.from(event.getMetaData()).orElse(null);
        boolean named = actor != null && (caller.isAdmin() || actor.subject().equals(caller.subject())
                || actor.isAdmin() || actor.hasRole(Actor.OPERATOR));
        ObjectNode data = JSON.valueToTree(payload);
        String cause = cause(payload, order, named ? actor.subject() : null);
        if (payload instanceof TradeExecuted trade) {
            hideUnlessShown(data, shownAccounts.test(trade.buyerAccountId()), "buyOrderId", "buyerAccountId",
                    "buyReservationId");
            hideUnlessShown(data, shownAccounts.test(trade.sellerAccountId()), "sellOrderId", "sellerAccountId",
                    "sellReservationId");
            String other = order.orderId().equals(trade.buyOrderId()) ? trade.sellOrderId() : trade.buyOrderId();
            String otherAccount = order.orderId().equals(trade.buyOrderId()) ? trade.sellerAccountId()
                    : trade.buyerAccountId();
            cause = "traded " + trade.quantity() + " at " + plain(trade.price()) + " against "
                    + (shownAccounts.test(otherAccount) ? "order " + other : "another account's order");
        }
        return new OrderEventResponse(event.getSequenceNumber(), payload.getClass().getSimpleName(),
                event.getTimestamp(), cause, named ? actor.subject() : null, plainJson(data));
    }

    private static String cause(Object payload, OrderView order, String actor) {
        if (payload instanceof OrderPlaced) {
            return actor == null ? "placed" : "placed by " + actor;
        } else if (payload instanceof ReservationRequested e) {
            return "hold of " + plain(e.amount()) + " " + e.asset() + " asked for";
        } else if (payload instanceof OrderAccepted) {
            return "funds reserved";
        } else if (payload instanceof OrderRejected e) {
            return "rejected: " + e.reason();
        } else if (payload instanceof OrderRested e) {
            return "rests " + e.quantity() + " at " + plain(e.price());
        } else if (payload instanceof OrderFilled) {
            return "filled";
        } else if (payload instanceof OrderCancelled e) {
            return "cancelled: " + e.reason();
        } else if (payload instanceof OrderExpired) {
            return order.timeInForce() == TimeInForce.FOK ? "expired: FOK could not fill at once"
                    : "expired: " + order.timeInForce() + " remainder";
        } else if (payload instanceof ReservationReleaseDue e) {
            return "hold of " + plain(e.amount()) + " " + e.asset() + " released";
        }
        return payload.getClass().getSimpleName();
    }

    private static void hideUnlessShown(ObjectNode data, boolean shown, String... fields) {
        if (!shown) {
            for (String field : fields) {
                data.putNull(field);
            }
        }
    }

    private static String plain(BigDecimal value) {
        return value.toPlainString();
    }

    /** The API's conventions: decimals cross as strings, so no client reads a price as a binary float. */
    private static Map<String, Object> plainJson(ObjectNode data) {
        Map<String, Object> fields = new LinkedHashMap<>();
        data.fields().forEachRemaining(field -> fields.put(field.getKey(), plain(field.getValue())));
        return fields;
    }

    private static Object plain(JsonNode value) {
        if (value.isObject()) {
            return plainJson((ObjectNode) value);
        } else if (value.isArray()) {
            List<Object> items = new ArrayList<>();
            value.forEach(item -> items.add(plain(item)));
            return items;
        } else if (value.isBigDecimal() || value.isFloatingPointNumber()) {
            return value.decimalValue().toPlainString();
        } else if (value.isIntegralNumber()) {
            return value.longValue();
        } else if (value.isBoolean()) {
            return value.booleanValue();
        } else if (value.isNull()) {
            return null;
        }
        return value.asText();
    }
}
