package io.bourse.order.query;

/** Every listed instrument, by symbol. */
public record ListInstruments() {
}
