package io.bourse.portfolio.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An account as the read model knows it: cash first, then securities by symbol. */
public record AccountView(String accountId, String owner, Instant openedAt, List<BalanceView> balances) {

    /** One asset's balance, each amount in the asset's own scale. */
    public record BalanceView(String asset, BigDecimal available, BigDecimal reserved) {

        public BigDecimal total() {
            return available.add(reserved);
        }
    }
}
