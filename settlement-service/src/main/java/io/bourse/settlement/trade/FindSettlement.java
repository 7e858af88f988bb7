package io.bourse.settlement.trade;

/** Answered with an {@code Optional<SettlementView>}: empty when no such trade is known (yet). */
public record FindSettlement(String tradeId) {
}
