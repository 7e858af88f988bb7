package io.bourse.order.query;

import io.bourse.order.OrderStatus;
import io.bourse.platform.messaging.BatchWrites;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One batch's changes to the orders and trades tables: the handlers queue each event's change, and {@link #write()}
 * reads the rows of the orders the batch touches that are already stored (one query), applies the changes in memory
 * in the book's order, and writes each order once (a batched insert for orders placed in this batch, a batched
 * update for the others) and the trades in one batched insert. An order must be placed before it changes; an event
 * at or below an order's {@code last_sequence} was applied before (a redelivery) and is skipped.
 */
final class OrderRows {

    private final JdbcTemplate jdbc;
    private final OrderViewChanges listener;
    private final List<Change> changes = new ArrayList<>();
    private final List<TradeView> trades = new ArrayList<>();

    OrderRows(JdbcTemplate jdbc, OrderViewChanges listener) {
        this.jdbc = jdbc;
        this.listener = listener;
    }

    /** Adds the order as placed, unless it is stored already. */
    void place(Order placed) {
        changes.add(new Change(placed.orderId, placed.lastSequence, placed, null));
    }

    /** Changes the order, unless this event was applied to it before. */
    void change(String orderId, long sequence, Consumer<Order> change) {
        changes.add(new Change(orderId, sequence, null, change));
    }

    /** Records a trade, unless it is recorded already. */
    void trade(TradeView trade) {
        trades.add(trade);
    }

    void write() {
        Map<String, Order> orders = stored(changes.stream().map(Change::orderId).distinct().toList());
        for (Change change : changes) {
            Order order = orders.get(change.orderId());
            if (change.placed() != null) {
                if (order == null) {
                    orders.put(change.orderId(), change.placed());
                }
            } else if (order != null && change.sequence() > order.lastSequence) {
                change.change().accept(order);
                order.lastSequence = change.sequence();
                order.changed = true;
            }
        }
        // Only an order placed in this batch has what it was placed with; the others are stored already.
        insert(orders.values().stream().filter(order -> order.placing != null).toList());
        update(orders.values().stream().filter(order -> order.placing == null && order.changed).toList());
        if (!trades.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into trades (trade_id, symbol, price, quantity, buy_order_id, sell_order_id,
                                        buyer_account_id, seller_account_id, executed_at, book_sequence)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict do nothing""", trades.stream().map(trade -> new Object[] {trade.tradeId(),
                    trade.symbol(), trade.price(), trade.quantity(), trade.buyOrderId(), trade.sellOrderId(),
                    trade.buyerAccountId(), trade.sellerAccountId(), utc(trade.executedAt()), trade.bookSequence()})
                    .toList());
        }
        Set<String> books = new HashSet<>();
        List<String> changed = new ArrayList<>();
        orders.values().forEach(order -> {
            // An order whose view reads as before (a sequence moved, a fill's end told twice) is not told again.
            if (order.placing != null || order.changed && !order.shown().equals(order.shownBefore)) {
                changed.add(order.orderId);
                if (order.onBook() != order.onBookBefore) {
                    books.add(order.symbol);
                }
            }
        });
        listener.written(books, changed, trades);
    }

    private Map<String, Order> stored(List<String> orderIds) {
        Map<String, Order> orders = new HashMap<>();
        BatchWrites.readRows(jdbc, """
                select order_id, symbol, order_type, quantity, filled_quantity, remaining_quantity, filled_notional, average_fill_price,
                       status, reject_reason, cancel_reason, updated_at, last_sequence
                from orders where order_id = any(?)""", orderIds, rs -> {
            Order order = new Order(rs.getString("order_id"), rs.getString("symbol"), rs.getLong("quantity"),
                    rs.getLong("last_sequence"), null);
            order.filledQuantity = rs.getLong("filled_quantity");
            order.remainingQuantity = rs.getLong("remaining_quantity");
            order.filledNotional = rs.getBigDecimal("filled_notional");
            order.averageFillPrice = rs.getBigDecimal("average_fill_price");
            order.status = OrderStatus.valueOf(rs.getString("status"));
            order.limit = "LIMIT".equals(rs.getString("order_type"));
            order.rejectReason = rs.getString("reject_reason");
            order.cancelReason = rs.getString("cancel_reason");
            order.updatedAt = rs.getObject("updated_at", OffsetDateTime.class).toInstant();
            order.onBookBefore = order.onBook();
            order.shownBefore = order.shown();
            orders.put(order.orderId, order);
        });
        return orders;
    }

    private void insert(List<Order> placed) {
        if (placed.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into orders (order_id, client_order_id, account_id, symbol, side, order_type, time_in_force,
                                    quantity, filled_quantity, remaining_quantity, filled_notional, average_fill_price,
                                    limit_price, status, reject_reason, cancel_reason, created_at, updated_at,
                                    last_sequence, placed_sequence)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing""",
                placed.stream().map(order -> new Object[] {order.orderId, order.placing.clientOrderId(),
                        order.placing.accountId(), order.placing.symbol(), order.placing.side(),
                        order.placing.type(), order.placing.timeInForce(), order.quantity, order.filledQuantity,
                        order.remainingQuantity, order.filledNotional, order.averageFillPrice,
                        order.placing.limitPrice(), order.status.name(), order.rejectReason, order.cancelReason,
                        utc(order.placing.placedAt()), utc(order.updatedAt), order.lastSequence,
                        order.placedSequence}).toList());
    }

    private void update(List<Order> changed) {
        if (changed.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                update orders
                set filled_quantity = ?, remaining_quantity = ?, filled_notional = ?, average_fill_price = ?,
                    status = ?, reject_reason = ?, cancel_reason = ?, updated_at = ?, last_sequence = ?
                where order_id = ?""",
                changed.stream().map(order -> new Object[] {order.filledQuantity, order.remainingQuantity,
                        order.filledNotional, order.averageFillPrice, order.status.name(), order.rejectReason,
                        order.cancelReason, utc(order.updatedAt), order.lastSequence, order.orderId}).toList());
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record Change(String orderId, long sequence, Order placed, Consumer<Order> change) {
    }

    /** What a reader of an order's view sees: a batch tells the streams of an order only when this changed. */
    private record Shown(OrderStatus status, long filledQuantity, long remainingQuantity,
            BigDecimal averageFillPrice, String rejectReason, String cancelReason, Instant updatedAt) {
    }

    /** What an order placed in this batch was placed with: the columns that never change. */
    record Placing(String clientOrderId, String accountId, String symbol, String side, String type, String timeInForce,
                   BigDecimal limitPrice, Instant placedAt) {
    }

    /** One order's row as this batch sees it. */
    static final class Order {

        private final String orderId;
        private final String symbol;
        private final long quantity;
        private final Placing placing;
        private long filledQuantity;
        private long remainingQuantity;
        private BigDecimal filledNotional = BigDecimal.ZERO;
        private BigDecimal averageFillPrice;
        private OrderStatus status = OrderStatus.NEW;
        private boolean limit;
        /** What the order rested on its book with before this batch: the depth changes where this does. */
        private long onBookBefore;
        private String rejectReason;
        private String cancelReason;
        private Instant updatedAt;
        private long lastSequence;
        // Where the order's audit trail starts reading its book's stream.
        private long placedSequence;
        private boolean changed;
        /** What the order's view showed before this batch. */
        private Shown shownBefore;

        private Order(String orderId, String symbol, long quantity, long lastSequence, Placing placing) {
            this.orderId = orderId;
            this.symbol = symbol;
            this.quantity = quantity;
            this.lastSequence = lastSequence;
            this.placing = placing;
        }

        static Order placed(String orderId, long quantity, long sequence, Placing placing) {
            Order order = new Order(orderId, placing.symbol(), quantity, sequence, placing);
            order.limit = "LIMIT".equals(placing.type());
            order.placedSequence = sequence;
            order.remainingQuantity = quantity;
            order.updatedAt = placing.placedAt();
            return order;
        }

        /** What a reader of the order's view sees change (its sequences are the view's own bookkeeping). */
        Shown shown() {
            // The database keeps times to the microsecond.
            return new Shown(status, filledQuantity, remainingQuantity, averageFillPrice, rejectReason, cancelReason,
                    updatedAt.truncatedTo(ChronoUnit.MICROS));
        }

        /** The quantity the order rests with on its book: only a limit order that is open rests (the book's rule). */
        long onBook() {
            return limit && (status == OrderStatus.OPEN || status == OrderStatus.PARTIALLY_FILLED)
                    ? remainingQuantity : 0;
        }

        void accepted(Instant at) {
            status = OrderStatus.OPEN;
            updatedAt = at;
        }

        void rejected(String reason, Instant at) {
            status = OrderStatus.REJECTED;
            rejectReason = reason;
            remainingQuantity = 0;
            updatedAt = at;
        }

        void filled(long tradeQuantity, BigDecimal price, Instant at) {
            filledQuantity += tradeQuantity;
            remainingQuantity -= tradeQuantity;
            filledNotional = filledNotional.add(price.multiply(BigDecimal.valueOf(tradeQuantity)));
            averageFillPrice = filledNotional.divide(BigDecimal.valueOf(filledQuantity), 6, RoundingMode.HALF_UP);
            status = filledQuantity == quantity ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
            updatedAt = at;
        }

        void finished(OrderStatus finalStatus, String reason, Instant at) {
            status = finalStatus;
            cancelReason = reason;
            remainingQuantity = 0;
            updatedAt = at;
        }
    }
}
