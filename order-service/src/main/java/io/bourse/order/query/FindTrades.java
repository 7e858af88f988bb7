package io.bourse.order.query;

import io.bourse.platform.web.PageRequest;

/** A page of the trades of one order, one account or one symbol (checked in that order), newest first. */
public record FindTrades(String symbol, String orderId, String accountId, PageRequest page) {
}
