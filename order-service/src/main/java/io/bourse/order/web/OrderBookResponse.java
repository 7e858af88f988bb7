package io.bourse.order.web;

import io.bourse.order.query.OrderBookDepth;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

public record OrderBookResponse(@Schema(example = "ACME") String symbol,
                                @Schema(description = "Highest price first") List<Level> bids,
                                @Schema(description = "Lowest price first") List<Level> asks) {

    public record Level(@Schema(example = "101.25") String price,
                        @Schema(description = "Units resting at the price", example = "30") long quantity,
                        @Schema(example = "2") int orderCount) {
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
