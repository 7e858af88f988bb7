package io.bourse.order.query;

import io.bourse.events.order.OrderAccepted;
import io.bourse.events.order.OrderCancelled;
import io.bourse.events.order.OrderExpired;
import io.bourse.events.order.OrderFilled;
import io.bourse.events.order.OrderPlaced;
import io.bourse.events.order.OrderRejected;
import io.bourse.events.order.ReservationReleaseDue;
import io.bourse.events.order.TradeExecuted;
import io.bourse.order.OrderStatus;
import io.bourse.platform.messaging.BatchWrites;
import io.bourse.platform.operations.BusinessCounter;
import io.bourse.platform.web.PageRequest;
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
    private final OrderReads reads;
    private final OrderViewChanges changes;
    private final BusinessCounter orders;
    private final BusinessCounter trades;

    public OrderProjection(JdbcTemplate jdbc, OrderReads reads, OrderViewChanges changes, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.changes = changes;
        this.orders = new BusinessCounter(registry, "bourse.orders", "outcome",
                "Orders by what happened to them: placed, accepted, rejected, filled, cancelled, expired");
        this.trades = new BusinessCounter(registry, "bourse.trades", "symbol", "Trades executed, per symbol");
    }

    private OrderRows batch() {
        return BatchWrites.of(this, () -> new OrderRows(jdbc, changes), OrderRows::write);
    }

    /** A replay rebuilds orders and trades from the books' events. */
    @ResetHandler
    void reset() {
        changes.rebuilding();
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
        rows.trade(new TradeView(event.tradeId(), event.symbol(), event.price(), event.quantity(), event.buyOrderId(),
                event.sellOrderId(), event.buyerAccountId(), event.sellerAccountId(), event.executedAt(), sequence));
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
                OrderReads::trade, arguments.toArray());
    }

    @QueryHandler
    Optional<OrderView> handle(FindOrder query) {
        return reads.order(query.orderId());
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
        return jdbc.query(sql.toString(), OrderReads::order, args.toArray());
    }

    @QueryHandler
    Optional<OrderBookDepth> handle(FetchOrderBookDepth query) {
        return reads.depth(query.symbol(), query.depth());
    }
}
