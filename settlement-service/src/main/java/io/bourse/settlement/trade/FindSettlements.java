package io.bourse.settlement.trade;

import io.bourse.platform.web.PageRequest;

/**
 * A page of settlements, newest first; an account matches as buyer or seller. A null account or status does not
 * filter.
 */
public record FindSettlements(String accountId, SettlementStatus status, PageRequest page) {
}
