package io.bourse.order.query;

/** Trades of one order, one account or one symbol (checked in that order), newest first. */
public record FindTrades(String symbol, String orderId, String accountId) {

    /** The most trades one answer carries. */
    public static final int LIMIT = 500;
}
