package io.bourse.order.query;

/** Answered with an {@code Optional<OrderBookDepth>}: empty when the symbol is not listed. */
public record FetchOrderBookDepth(String symbol, int depth) {
}
