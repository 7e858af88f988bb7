package io.bourse.order.web;

import io.bourse.events.order.Side;
import io.bourse.order.query.OrderBookDepth;
import io.bourse.order.query.OrderReads;
import io.bourse.order.query.OrderView;
import io.bourse.order.query.OrderViewChanges;
import io.bourse.order.query.TradeView;
import io.bourse.platform.streams.LiveStreams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The order-service's streams, published from the order views' batches: each book's depth, the public tape (per
 * symbol and of every symbol), and each account's orders and fills. Only what someone watches is read or sent.
 */
@Component
class OrderStreams implements OrderViewChanges {

    static final String BOOK = "order-book";
    static final String TAPE = "trades";
    static final String ORDERS = "orders";
    /** The tape's key for every symbol at once. */
    static final String EVERY_SYMBOL = "*";

    private final LiveStreams live;
    private final OrderReads reads;

    OrderStreams(LiveStreams live, OrderReads reads) {
        this.live = live;
        this.reads = reads;
    }

    static String book(String symbol, int depth) {
        return LiveStreams.topic(BOOK, symbol + ":" + depth);
    }

    static String tape(String symbol) {
        return LiveStreams.topic(TAPE, symbol);
    }

    static String orders(String accountId) {
        return LiveStreams.topic(ORDERS, accountId);
    }

    @Override
    public void written(Set<String> symbols, Collection<String> orderIds, List<TradeView> trades) {
        LiveStreams.Publications out = live.publications();
        for (TradeView trade : trades) {
            TapeTrade printed = TapeTrade.of(trade);
            out.publish(tape(trade.symbol()), "trade", printed);
            out.publish(tape(EVERY_SYMBOL), "trade", printed);
            out.publish(orders(trade.buyerAccountId()), "fill", Fill.of(trade, Side.BUY));
            out.publish(orders(trade.sellerAccountId()), "fill", Fill.of(trade, Side.SELL));
        }
        Set<String> accounts = out.watchedKeys(ORDERS);
        for (OrderView order : reads.orders(orderIds, accounts)) {
            out.publish(orders(order.accountId()), "order", OrderResponse.of(order));
        }
        depths(out, symbols);
    }

    @Override
    public void rebuilding() {
        for (String stream : List.of(BOOK, TAPE, ORDERS)) {
            live.endAll(stream, "replay", "the order views are being rebuilt");
        }
    }

    /** One read per changed book, as deep as its deepest watcher asks; each watcher gets its depth of it. */
    private void depths(LiveStreams.Publications out, Set<String> symbols) {
        Map<String, Integer> deepest = new HashMap<>();
        Map<String, List<Integer>> depths = new HashMap<>();
        for (String key : out.watchedKeys(BOOK)) {
            int colon = key.lastIndexOf(':');
            String symbol = key.substring(0, colon);
            if (symbols.contains(symbol)) {
                int depth = Integer.parseInt(key.substring(colon + 1));
                deepest.merge(symbol, depth, Math::max);
                depths.computeIfAbsent(symbol, s -> new ArrayList<>()).add(depth);
            }
        }
        deepest.forEach((symbol, max) -> reads.depth(symbol, max).ifPresent(book -> {
            for (int depth : depths.get(symbol)) {
                out.publishState(book(symbol, depth), "depth", OrderBookResponse.of(cut(book, depth)));
            }
        }));
    }

    static OrderBookDepth cut(OrderBookDepth book, int depth) {
        return new OrderBookDepth(book.symbol(), book.bids().subList(0, Math.min(depth, book.bids().size())),
                book.asks().subList(0, Math.min(depth, book.asks().size())));
    }

    /** A trade on the public tape: no accounts, no orders. */
    record TapeTrade(String tradeId, String symbol, String price, long quantity, Instant executedAt) {
        static TapeTrade of(TradeView trade) {
            return new TapeTrade(trade.tradeId(), trade.symbol(), Decimals.format(trade.price()), trade.quantity(),
                    trade.executedAt());
        }
    }

    /** One side of a trade, as its account sees it. */
    record Fill(String tradeId, String orderId, String symbol, Side side, String price, long quantity,
                Instant executedAt) {
        static Fill of(TradeView trade, Side side) {
            return new Fill(trade.tradeId(), side == Side.BUY ? trade.buyOrderId() : trade.sellOrderId(),
                    trade.symbol(), side, Decimals.format(trade.price()), trade.quantity(), trade.executedAt());
        }
    }
}
