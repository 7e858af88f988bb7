package io.bourse.settlement.trade;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.order.Side;
import io.bourse.events.order.TradeExecuted;
import io.bourse.events.settlement.StartSettlement;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

class SettlementStarterTest {

    static final Instant EXECUTED_AT = Instant.parse("2026-11-02T09:30:00Z");
    static final TradeExecuted TRADE = new TradeExecuted("ACME", "ACME-7", "o-buy", "o-sell", "alice", "bob",
            new BigDecimal("101.25"), 10, Side.SELL, EXECUTED_AT);

    private final CommandGateway commands = mock(CommandGateway.class);
    private final SettlementStarter starter = new SettlementStarter();

    @Test
    void aTradeOpensItsSettlementAsOfTheTimeItExecuted() {
        starter.on(TRADE, commands);

        verify(commands).sendAndWait(new StartSettlement("ACME-7", "ACME", new BigDecimal("101.25"), 10, "o-buy",
                "o-sell", "alice", "bob", EXECUTED_AT));
    }

    @Test
    void aTradeTheSettlementRefusesIsSkippedSoLaterTradesAreNotHeldUp() {
        DomainException refused = new DomainException(Kind.INVALID, "MISSING_VALUE", "buyerAccountId is required");
        doThrow(new CommandExecutionException("refused", refused)).when(commands).sendAndWait(any());

        assertThatCode(() -> starter.on(TRADE, commands)).doesNotThrowAnyException();
    }

    @Test
    void anyOtherFailureStopsTheProcessorSoTheTradeIsRetried() {
        doThrow(new IllegalStateException("database unavailable")).when(commands).sendAndWait(any());

        assertThatThrownBy(() -> starter.on(TRADE, commands)).isInstanceOf(IllegalStateException.class);
    }
}
