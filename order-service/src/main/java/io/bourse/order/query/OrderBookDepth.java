package io.bourse.order.query;

import java.math.BigDecimal;
import java.util.List;

/** The resting quantity per price of one symbol, best price first on each side. */
public record OrderBookDepth(String symbol, List<Level> bids, List<Level> asks) {

    public record Level(BigDecimal price, long quantity, int orderCount) {
    }
}
