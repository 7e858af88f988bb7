package io.bourse.order.matching;

/** One trade of the incoming order against one resting order, at the resting order's price. */
public record Fill(String restingOrderId, String restingAccountId, long priceTicks, long quantity) {
}
