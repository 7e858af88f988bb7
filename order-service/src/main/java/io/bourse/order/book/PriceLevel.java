package io.bourse.order.book;

import java.math.BigDecimal;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;

/** The orders resting at one price, oldest first: time priority within the level. */
final class PriceLevel {

    private BigDecimal price;
    private LinkedList<RestingOrder> queue = new LinkedList<>();

    private PriceLevel() {
    }

    PriceLevel(BigDecimal price) {
        this.price = price;
    }

    void enqueue(RestingOrder order) {
        queue.addLast(order);
    }

    BigDecimal price() {
        return price;
    }

    List<RestingOrder> inTimeOrder() {
        return queue;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PriceLevel that && Objects.equals(price, that.price) && queue.equals(that.queue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(price, queue);
    }

    @Override
    public String toString() {
        return price + "=" + queue;
    }
}
