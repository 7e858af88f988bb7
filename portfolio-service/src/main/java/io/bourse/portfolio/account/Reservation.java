package io.bourse.portfolio.account;

import java.math.BigDecimal;

/**
 * The outcome of one ReserveFunds, kept so that a repeated command gets the same answer. A rejected reservation
 * never held anything; a closed one may still hold a remainder that settlement of earlier fills will draw on,
 * but it is never released again.
 */
record Reservation(String orderId, String asset, BigDecimal remaining, boolean rejected, boolean closed) {

    static Reservation held(String orderId, String asset, BigDecimal amount) {
        return new Reservation(orderId, asset, amount, false, false);
    }

    static Reservation rejected(String orderId, String asset) {
        return new Reservation(orderId, asset, BigDecimal.ZERO, true, true);
    }

    /** A settled fill takes its part of the hold; the reservation stays as open or closed as it was. */
    Reservation consume(BigDecimal amount) {
        return new Reservation(orderId, asset, remaining.subtract(amount), rejected, closed);
    }

    Reservation release(BigDecimal amount) {
        return new Reservation(orderId, asset, remaining.subtract(amount), rejected, true);
    }
}
