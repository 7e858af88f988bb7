package io.bourse.settlement.trade;

/**
 * Settlements newest first, at most {@link #LIMIT}; an account matches as buyer or seller. A null account or status
 * does not filter.
 */
public record FindSettlements(String accountId, SettlementStatus status) {

    /** The most settlements one answer carries. */
    public static final int LIMIT = 500;
}
