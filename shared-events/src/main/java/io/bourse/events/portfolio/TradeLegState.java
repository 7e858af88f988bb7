package io.bourse.events.portfolio;

/** Where one settlement leg stands in its account. */
public enum TradeLegState {
    /** The leg moved cash and units. */
    SETTLED,
    /** The leg could not settle; nothing moved. */
    REJECTED,
    /** Undone, or voided before it settled: nothing of it stands. */
    REVERSED;

    /** Whether nothing of a leg in this state stands (refused or reversed); a leg not answered yet is not void. */
    public static boolean isVoid(TradeLegState state) {
        return state == REJECTED || state == REVERSED;
    }
}
