package io.bourse.order.query;

import io.bourse.events.order.OrderAccepted;
import io.bourse.events.order.OrderCancelled;
import io.bourse.events.order.OrderExpired;
import io.bourse.events.order.OrderFilled;
import io.bourse.events.order.OrderPlaced;
import io.bourse.events.order.OrderRejected;
import io.bourse.events.order.OrderRested;
import io.bourse.events.order.ReservationReleaseDue;
import io.bourse.events.order.ReservationRequested;
import io.bourse.events.order.TradeExecuted;
import io.bourse.order.OrderStatus;
import io.bourse.platform.axon.StreamEvents;
import io.bourse.platform.web.Page;
import io.bourse.platform.web.PageRequest;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An order's events, oldest first, as the event store keeps them: in its book's stream, among the other orders' of
 * that symbol. The orders table says where they lie: from the order's {@code OrderPlaced} ({@code placed_sequence})
 * to its last event ({@code last_sequence}) once it is done, or to the book's latest event while it is not. A page
 * reads at most {@code bourse.orders.trail.book-events-per-page} of the book's events, so an order that rested while
 * its book was busy is read in several pages rather than in one unbounded scan; each page that is not the last names
 * the next, even when the window it read held none of the order's events.
 */
@Component
public class OrderTrail {

    private final JdbcTemplate jdbc;
    private final StreamEvents streams;
    private final int bookEventsPerPage;

    OrderTrail(JdbcTemplate jdbc, StreamEvents streams,
               @Value("${bourse.orders.trail.book-events-per-page:10000}") int bookEventsPerPage) {
        this.jdbc = jdbc;
        this.streams = streams;
        this.bookEventsPerPage = bookEventsPerPage;
    }

    private record Span(String symbol, long first, long last, boolean done) {
    }

    /** A page of the order's events; the cursor is the last sequence of its book the page before read. */
    public Page<DomainEventMessage<?>> read(String orderId, PageRequest page) {
        Span span = jdbc.query("select symbol, placed_sequence, last_sequence, status from orders where order_id = ?",
                (rs, row) -> new Span(rs.getString("symbol"), rs.getLong("placed_sequence"),
                        rs.getLong("last_sequence"), OrderStatus.valueOf(rs.getString("status")).isFinished()),
                orderId).stream().findFirst().orElse(null);
        if (span == null) {
            return Page.continuingAfter(List.of(), null);
        }
        long from = page.isFirst() ? span.first() : Math.max(span.first(), page.afterNumber(1, 0) + 1);
        long end = span.done() ? span.last() : streams.lastSequence(span.symbol());
        long to = Math.min(end, from + bookEventsPerPage - 1);
        if (from > to) {
            return Page.continuingAfter(List.of(), null);
        }
        List<DomainEventMessage<?>> naming = streams.naming(span.symbol(), from, to, orderId, page.rowsToRead());
        long readTo = to;
        if (naming.size() > page.limit()) {
            naming = naming.subList(0, page.limit());
            readTo = naming.get(naming.size() - 1).getSequenceNumber();
        }
        List<DomainEventMessage<?>> orders = naming.stream().filter(event -> isOf(orderId, event.getPayload()))
                .toList();
        return Page.continuingAfter(orders, readTo < end ? List.of(Long.toString(readTo)) : null);
    }

    /** Another event may name the id in some other field (a client's own order id); only the order's own count. */
    static boolean isOf(String orderId, Object event) {
        if (event instanceof TradeExecuted trade) {
            return orderId.equals(trade.buyOrderId()) || orderId.equals(trade.sellOrderId());
        }
        String of = event instanceof OrderPlaced e ? e.orderId()
                : event instanceof ReservationRequested e ? e.orderId()
                : event instanceof OrderAccepted e ? e.orderId()
                : event instanceof OrderRejected e ? e.orderId()
                : event instanceof OrderRested e ? e.orderId()
                : event instanceof OrderFilled e ? e.orderId()
                : event instanceof OrderCancelled e ? e.orderId()
                : event instanceof OrderExpired e ? e.orderId()
                : event instanceof ReservationReleaseDue e ? e.orderId()
                : null;
        return orderId.equals(of);
    }
}
