package io.bourse.settlement.trade;

public enum SettlementStatus {
    /** Started; the legs are being settled. */
    PENDING,
    /** Both legs settled: the buyer has the units, the seller the cash. */
    SETTLED,
    /** Nothing of the trade moved, or what moved was moved back. */
    FAILED
}
