package io.bourse.events.portfolio;

/**
 * What {@link SettleTradeLeg} and {@link ReverseTradeLeg} answer: the leg's state after the command, with the reason
 * when it was rejected. The sender learns the outcome from the reply, without waiting for the events.
 */
public record TradeLegAnswer(TradeLegState state, String reason) {
}
