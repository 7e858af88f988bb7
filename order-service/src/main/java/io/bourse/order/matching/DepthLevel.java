package io.bourse.order.matching;

public record DepthLevel(long priceTicks, long quantity, int orderCount) {
}
