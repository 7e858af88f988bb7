package io.bourse.portfolio.account;

import java.math.BigDecimal;

/**
 * A hold for an open order. A closed one (the order ended and the unneeded part was given back) may still hold a
 * remainder that settlement of earlier fills will draw on, but it is never released again. Once nothing remains the
 * reservation has ended and the portfolio keeps only its outcome ({@link EndedReservation}).
 */
record Reservation(String orderId, String asset, BigDecimal remaining, boolean closed) {

    static Reservation held(String orderId, String asset, BigDecimal amount) {
        return new Reservation(orderId, asset, amount, false);
    }

    /** A settled fill takes its part of the hold; the reservation stays as open or closed as it was. */
    Reservation consume(BigDecimal amount) {
        return new Reservation(orderId, asset, remaining.subtract(amount), closed);
    }

    Reservation release(BigDecimal amount) {
        return new Reservation(orderId, asset, remaining.subtract(amount), true);
    }

    boolean used() {
        return remaining.signum() <= 0;
    }
}
