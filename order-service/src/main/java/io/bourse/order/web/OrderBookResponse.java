package io.bourse.order.web;

import io.bourse.order.query.OrderBookDepth;
import java.util.List;

public record OrderBookResponse(String symbol, List<Level> bids, List<Level> asks) {

    public record Level(String price, long quantity, int orderCount) {
    }

    static OrderBookResponse of(OrderBookDepth depth) {
        return new OrderBookResponse(depth.symbol(), levels(depth.bids()), levels(depth.asks()));
    }

    private static List<Level> levels(List<OrderBookDepth.Level> levels) {
        return levels.stream()
                .map(level -> new Level(Decimals.format(level.price()), level.quantity(), level.orderCount()))
                .toList();
    }
}
