package io.bourse.portfolio.account;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An account as the read model knows it: cash first, then securities by symbol. */
public record AccountView(String accountId, String owner, Instant openedAt, boolean frozen, List<BalanceView> balances,
                          List<PositionView> positions) {

    /** Units held of one symbol, what they cost on average, and the profit or loss realized by selling. */
    public record PositionView(String symbol, long quantity, BigDecimal averageCost, BigDecimal realizedPnl) {
    }

    /** One asset's balance, each amount in the asset's own scale. */
    public record BalanceView(String asset, BigDecimal available, BigDecimal reserved) {

        public BigDecimal total() {
            return available.add(reserved);
        }
    }
}
