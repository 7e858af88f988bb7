package io.bourse.order.query;

import io.bourse.events.order.CancelReason;
import io.bourse.events.order.OrderType;
import io.bourse.events.order.RejectReason;
import io.bourse.events.order.Side;
import io.bourse.events.order.TimeInForce;
import io.bourse.order.OrderStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reads of the order views that more than one caller makes: the query handlers, and the streams, which read in
 * the projection's own transaction what its batch has just written.
 */
@Component
public class OrderReads {

    private static final String NOT_DONE = "('NEW', 'OPEN', 'PARTIALLY_FILLED')";

    private final JdbcTemplate jdbc;

    public OrderReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The book's depth, {@code depth} levels a side; empty when the symbol is not listed. */
    public Optional<OrderBookDepth> depth(String symbol, int depth) {
        if (!listed(symbol)) {
            return Optional.empty();
        }
        return Optional.of(new OrderBookDepth(symbol, levels(symbol, Side.BUY, "desc", depth),
                levels(symbol, Side.SELL, "asc", depth)));
    }

    public boolean listed(String symbol) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from instruments where symbol = ?)", Boolean.class, symbol));
    }

    // Only limit orders rest on the book (see the book's rule), so an open market order adds no depth.
    private List<OrderBookDepth.Level> levels(String symbol, Side side, String bestFirst, int depth) {
        return jdbc.query("""
                select limit_price, sum(remaining_quantity) as quantity, count(*) as order_count
                from orders
                where symbol = ? and side = ? and order_type = 'LIMIT' and status in %s
                group by limit_price
                order by limit_price %s
                limit ?""".formatted(NOT_DONE, bestFirst),
                (rs, row) -> new OrderBookDepth.Level(rs.getBigDecimal("limit_price"), rs.getLong("quantity"),
                        rs.getInt("order_count")),
                symbol, side.name(), depth);
    }

    public Optional<OrderView> order(String orderId) {
        return jdbc.query("select * from orders where order_id = ?", OrderReads::order, orderId).stream().findFirst();
    }

    /** Those of the orders that belong to one of the accounts, oldest change first. */
    public List<OrderView> orders(Collection<String> orderIds, Collection<String> accountIds) {
        if (orderIds.isEmpty() || accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    select * from orders where order_id = any(?) and account_id = any(?)
                    order by last_sequence, order_id""");
            statement.setArray(1, texts(connection, orderIds));
            statement.setArray(2, texts(connection, accountIds));
            return statement;
        }, OrderReads::order);
    }

    private static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    /** The account's orders that are not done, newest first. */
    public List<OrderView> openOrders(String accountId, int limit) {
        return jdbc.query("select * from orders where account_id = ? and status in " + NOT_DONE
                + " order by created_at desc, order_id desc limit ?", OrderReads::order, accountId, limit);
    }

    /** The latest trades, newest first: of one symbol, or of every symbol when it is null. */
    public List<TradeView> latestTrades(@Nullable String symbol, int limit) {
        String where = symbol == null ? "" : " where symbol = ?";
        Object[] arguments = symbol == null ? new Object[] {limit} : new Object[] {symbol, limit};
        return jdbc.query("select * from trades" + where
                + " order by executed_at desc, book_sequence desc, trade_id desc limit ?", OrderReads::trade, arguments);
    }

    static TradeView trade(ResultSet rs, int row) throws SQLException {
        return new TradeView(rs.getString("trade_id"), rs.getString("symbol"), rs.getBigDecimal("price"),
                rs.getLong("quantity"), rs.getString("buy_order_id"), rs.getString("sell_order_id"),
                rs.getString("buyer_account_id"), rs.getString("seller_account_id"), instant(rs, "executed_at"),
                rs.getLong("book_sequence"));
    }

    static OrderView order(ResultSet rs, int row) throws SQLException {
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

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
