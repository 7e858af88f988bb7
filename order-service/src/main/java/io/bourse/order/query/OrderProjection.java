package io.bourse.order.query;

import io.bourse.events.order.CancelReason;
import io.bourse.events.order.OrderAccepted;
import io.bourse.events.order.OrderCancelled;
import io.bourse.events.order.OrderExpired;
import io.bourse.events.order.OrderFilled;
import io.bourse.events.order.OrderPlaced;
import io.bourse.events.order.OrderRejected;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.RejectReason;
import io.bourse.events.order.ReservationReleaseDue;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import io.bourse.events.order.TradeExecuted;
import io.bourse.order.OrderStatus;
import io.bourse.platform.messaging.BatchWrites;
import io.bourse.platform.operations.BusinessCounter;
import io.bourse.platform.web.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The orders table: one row per order with its latest status, and the resting quantity that book depth sums; and
 * the trades. Every change is guarded by the book's sequence number, so redelivered events change nothing. The
 * handlers queue each event's change and the processor's batch writes each order once ({@link OrderRows}).
 */
@Component
@ProcessingGroup(OrderProjection.PROCESSING_GROUP)
public class OrderProjection {

    /**
     * The order-service's read models (orders, trades, instruments) share one processor: one pass over the book's
     * events and one token update per batch for all of them.
     */
    public static final String PROCESSING_GROUP = "order-views";

    private final JdbcTemplate jdbc;
    private final BusinessCounter orders;
    private final BusinessCounter trades;

    public OrderProjection(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.orders = new BusinessCounter(registry, "bourse.orders", "outcome",
                "Orders by what happened to them: placed, accepted, rejected, filled, cancelled, expired");
        this.trades = new BusinessCounter(registry, "bourse.trades", "symbol", "Trades executed, per symbol");
    }

    private OrderRows batch() {
        return BatchWrites.of(this, () -> new OrderRows(jdbc), OrderRows::write);
    }

    /** A replay rebuilds orders and trades from the books' events. */
    @ResetHandler
    void reset() {
        jdbc.update("delete from trades");
        jdbc.update("delete from orders");
    }

    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long sequence, ReplayStatus replay) {
        orders.count("placed", replay);
        batch().place(OrderRows.Order.placed(event.orderId(), event.quantity(), sequence,
                new OrderRows.Placing(event.clientOrderId(), event.accountId(), event.symbol(), event.side().name(),
                        event.type().name(), event.timeInForce().name(), event.limitPrice(), event.placedAt())));
    }

    @EventHandler
    void on(OrderAccepted event, @SequenceNumber long sequence, ReplayStatus replay) {
        orders.count("accepted", replay);
        batch().change(event.orderId(), sequence, order -> order.accepted(event.acceptedAt()));
    }

    @EventHandler
    void on(OrderRejected event, @SequenceNumber long sequence, ReplayStatus replay) {
        orders.count("rejected", replay);
        batch().change(event.orderId(), sequence, order -> order.rejected(event.reason().name(), event.rejectedAt()));
    }

    @EventHandler
    void on(TradeExecuted event, @SequenceNumber long sequence, ReplayStatus replay) {
        trades.count(event.symbol(), replay);
        OrderRows rows = batch();
        for (String orderId : List.of(event.buyOrderId(), event.sellOrderId())) {
            rows.change(orderId, sequence, order -> order.filled(event.quantity(), event.price(), event.executedAt()));
        }
        rows.trade(event.tradeId(), event.symbol(), event.price(), event.quantity(), event.buyOrderId(),
                event.sellOrderId(), event.buyerAccountId(), event.sellerAccountId(),
                OrderRows.utc(event.executedAt()), sequence);
    }

    @EventHandler
    void on(OrderFilled event, @SequenceNumber long sequence, ReplayStatus replay) {
        orders.count("filled", replay);
        batch().change(event.orderId(), sequence,
                order -> order.finished(OrderStatus.FILLED, null, event.filledAt()));
    }

    @EventHandler
    void on(OrderCancelled event, @SequenceNumber long sequence, ReplayStatus replay) {
        orders.count("cancelled", replay);
        batch().change(event.orderId(), sequence,
                order -> order.finished(OrderStatus.CANCELLED, event.reason().name(), event.cancelledAt()));
    }

    @EventHandler
    void on(OrderExpired event, @SequenceNumber long sequence, ReplayStatus replay) {
        orders.count("expired", replay);
        batch().change(event.orderId(), sequence,
                order -> order.finished(OrderStatus.EXPIRED, null, event.expiredAt()));
    }

    /**
     * Changes nothing shown, but moves the order's last sequence to it: a hold given back after the order ended (its
     * hold arrived late) is then still within the range its audit trail reads.
     */
    @EventHandler
    void on(ReservationReleaseDue event, @SequenceNumber long sequence) {
        batch().change(event.orderId(), sequence, order -> { });
    }

    @QueryHandler
    List<TradeView> handle(FindTrades query) {
        String filter;
        Object[] args;
        if (query.orderId() != null) {
            filter = "buy_order_id = ? or sell_order_id = ?";
            args = new Object[] {query.orderId(), query.orderId()};
        } else if (query.accountId() != null) {
            filter = "buyer_account_id = ? or seller_account_id = ?";
            args = new Object[] {query.accountId(), query.accountId()};
        } else {
            filter = "symbol = ?";
            args = new Object[] {query.symbol()};
        }
        List<Object> arguments = new ArrayList<>(List.of(args));
        String after = "";
        PageRequest page = query.page();
        if (!page.isFirst()) {
            after = " and (executed_at, book_sequence, trade_id) < (?, ?, ?)";
            arguments.addAll(List.of(page.afterTime(3, 0), page.afterNumber(3, 1), page.after(3, 2)));
        }
        arguments.add(page.rowsToRead());
        return jdbc.query("select * from trades where (" + filter + ")" + after
                        + " order by executed_at desc, book_sequence desc, trade_id desc limit ?",
                (rs, row) -> new TradeView(rs.getString("trade_id"), rs.getString("symbol"),
                        rs.getBigDecimal("price"), rs.getLong("quantity"), rs.getString("buy_order_id"),
                        rs.getString("sell_order_id"), rs.getString("buyer_account_id"),
                        rs.getString("seller_account_id"), instant(rs, "executed_at"), rs.getLong("book_sequence")),
                arguments.toArray());
    }

    @QueryHandler
    Optional<OrderView> handle(FindOrder query) {
        return jdbc.query("select * from orders where order_id = ?", OrderProjection::order, query.orderId())
                .stream().findFirst();
    }

    @QueryHandler
    List<OrderView> handle(FindOrders query) {
        StringBuilder sql = new StringBuilder("select * from orders where account_id = ?");
        List<Object> args = new ArrayList<>(List.of(query.accountId()));
        if (query.status() != null) {
            sql.append(" and status = ?");
            args.add(query.status().name());
        }
        if (query.symbol() != null) {
            sql.append(" and symbol = ?");
            args.add(query.symbol());
        }
        PageRequest page = query.page();
        if (!page.isFirst()) {
            sql.append(" and (created_at, order_id) < (?, ?)");
            args.add(page.afterTime(2, 0));
            args.add(page.after(2, 1));
        }
        sql.append(" order by created_at desc, order_id desc limit ?");
        args.add(page.rowsToRead());
        return jdbc.query(sql.toString(), OrderProjection::order, args.toArray());
    }

    @QueryHandler
    Optional<OrderBookDepth> handle(FetchOrderBookDepth query) {
        Boolean listed = jdbc.queryForObject("select exists (select 1 from instruments where symbol = ?)",
                Boolean.class, query.symbol());
        if (!Boolean.TRUE.equals(listed)) {
            return Optional.empty();
        }
        return Optional.of(new OrderBookDepth(query.symbol(),
                levels(query.symbol(), Side.BUY, "desc", query.depth()),
                levels(query.symbol(), Side.SELL, "asc", query.depth())));
    }

    // Only limit orders rest on the book (see the book's rule), so an open market order adds no depth.
    private List<OrderBookDepth.Level> levels(String symbol, Side side, String bestFirst, int depth) {
        return jdbc.query("""
                select limit_price, sum(remaining_quantity) as quantity, count(*) as order_count
                from orders
                where symbol = ? and side = ? and order_type = 'LIMIT' and status in ('OPEN', 'PARTIALLY_FILLED')
                group by limit_price
                order by limit_price %s
                limit ?""".formatted(bestFirst),
                (rs, row) -> new OrderBookDepth.Level(rs.getBigDecimal("limit_price"), rs.getLong("quantity"),
                        rs.getInt("order_count")),
                symbol, side.name(), depth);
    }

    private static OrderView order(ResultSet rs, int row) throws SQLException {
        String rejectReason = rs.getString("reject_reason");
        return new OrderView(rs.getString("order_id"), rs.getString("client_order_id"), rs.getString("account_id"),
                rs.getString("symbol"), Side.valueOf(rs.getString("side")),
                OrderType.valueOf(rs.getString("order_type")),
                TimeInForce.valueOf(rs.getString("time_in_force")), rs.getLong("quantity"),
                rs.getLong("filled_quantity"), rs.getBigDecimal("average_fill_price"), rs.getBigDecimal("limit_price"),
                OrderStatus.valueOf(rs.getString("status")),
                rejectReason == null ? null : RejectReason.valueOf(rejectReason),
                rs.getString("cancel_reason") == null ? null : CancelReason.valueOf(rs.getString("cancel_reason")),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
