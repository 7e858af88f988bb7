package io.bourse.order.book;

import io.bourse.events.order.Side;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One side of the book: its price levels, best first when read through {@link #levelsBestFirst()}.
 * <p>
 * The levels are kept in ascending price order for both sides and the bid side is read backwards, rather than
 * giving the map a reversing comparator: a snapshot restores a map without its comparator.
 */
final class BookSide {

    private Side side;
    private TreeMap<BigDecimal, PriceLevel> levels = new TreeMap<>();

    private BookSide() {
    }

    BookSide(Side side) {
        this.side = side;
    }

    void add(BigDecimal price, RestingOrder order) {
        levels.computeIfAbsent(price, PriceLevel::new).enqueue(order);
    }

    Collection<PriceLevel> levelsBestFirst() {
        return side == Side.BUY ? levels.descendingMap().values() : levels.values();
    }

    /** Price-time priority: the order in which incoming orders fill against this side. */
    List<RestingOrder> inPriorityOrder() {
        return levelsBestFirst().stream().flatMap(level -> level.inTimeOrder().stream()).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BookSide that && side == that.side && levels.equals(that.levels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(side, levels);
    }
}
