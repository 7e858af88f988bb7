package io.bourse.order.query;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What one batch of the order views changed, told within the batch's transaction once its rows are written: the
 * symbols whose books changed, the orders that changed, and the trades recorded, in the books' order.
 */
public interface OrderViewChanges {

    void written(Set<String> symbols, Collection<String> orderIds, List<TradeView> trades);

    /** The order views are about to be rebuilt from the books' events. */
    void rebuilding();
}
