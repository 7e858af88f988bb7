package io.bourse.portfolio.account;

import io.bourse.events.order.Side;
import io.bourse.events.portfolio.TradeLegAnswer;
import io.bourse.events.portfolio.TradeLegState;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One settlement leg this account has seen, kept so that repeats and reversals answer from it; {@code reason} says
 * why a rejected one was rejected, {@code at} is when the account first answered it.
 */
record Leg(Side side, String symbol, long quantity, BigDecimal price, BigDecimal cashAmount, State state,
           String reason, Instant at) {

    enum State { SETTLED, REJECTED, REVERSED }

    Leg reversed() {
        return new Leg(side, symbol, quantity, price, cashAmount, State.REVERSED, reason, at);
    }

    TradeLegAnswer answer() {
        return new TradeLegAnswer(TradeLegState.valueOf(state.name()), reason);
    }
}
