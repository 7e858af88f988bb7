package io.bourse.events.portfolio;

/** Where one settlement leg stands in its account. */
public enum TradeLegState {
    /** The leg moved cash and units. */
    SETTLED,
    /** The leg could not settle; nothing moved. */
    REJECTED,
    /** Undone, or voided before it settled: nothing of it stands. */
    REVERSED
}
