package io.bourse.order.matching;

import java.util.List;

/**
 * What matching an incoming order would do, worked out without changing the book.
 *
 * @param selfTradePrevented the walk stopped at a resting order of the incoming order's own account
 * @param killed             a fill-or-kill order that could not fill completely: no fills at all
 */
public record Execution(List<Fill> fills, long filledQuantity, long remainingQuantity, boolean selfTradePrevented,
                        boolean killed) {
}
