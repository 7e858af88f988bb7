package io.bourse.portfolio.account;

import java.time.Instant;

/**
 * A reservation that holds nothing any more, remembered for a while so that a repeated ReserveFunds gets the first
 * answer: {@code rejected} when it was refused, otherwise it was held and has since been used up or given back.
 */
record EndedReservation(boolean rejected, Instant endedAt) {
}
