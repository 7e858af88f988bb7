package io.bourse.portfolio.account;

import io.bourse.events.order.Side;
import java.math.BigDecimal;

/** One settlement leg this account has seen, kept so that repeats and reversals answer from it. */
record Leg(Side side, String symbol, long quantity, BigDecimal price, BigDecimal cashAmount, State state) {

    enum State { SETTLED, REJECTED, REVERSED }

    Leg reversed() {
        return new Leg(side, symbol, quantity, price, cashAmount, State.REVERSED);
    }
}
