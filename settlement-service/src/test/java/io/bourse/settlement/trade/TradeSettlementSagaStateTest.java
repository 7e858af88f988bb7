package io.bourse.settlement.trade;

import static io.bourse.settlement.trade.TradeSettlementSagaTest.BUY_REJECTED;
import static io.bourse.settlement.trade.TradeSettlementSagaTest.EXECUTED_AT;
import static io.bourse.settlement.trade.TradeSettlementSagaTest.REVERSE_SELL;
import static io.bourse.settlement.trade.TradeSettlementSagaTest.SELL_SETTLED;
import static io.bourse.settlement.trade.TradeSettlementSagaTest.SELL_UNDONE;
import static io.bourse.settlement.trade.TradeSettlementSagaTest.STARTED;
import static io.bourse.settlement.trade.TradeSettlementSagaTest.TRADE;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.bourse.events.portfolio.TradeLegRejected;
import io.bourse.events.settlement.FailSettlement;
import io.bourse.events.settlement.SettlementFailed;
import io.bourse.platform.serialization.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Between two events a saga lives only in its stored form, written by the platform's Jackson serializer (by fields).
 * A field the serializer missed would only show when a restored saga forgot what it had asked for.
 */
class TradeSettlementSagaStateTest {

    static final Instant LATER = EXECUTED_AT.plusSeconds(1);

    private final Serializer serializer = Serialization.serializer();
    private final CommandGateway commands = mock(CommandGateway.class);
    private final DeadlineManager deadlines = mock(DeadlineManager.class);

    @BeforeEach
    void setUp() {
        doReturn(CompletableFuture.completedFuture(null)).when(commands).send(any());
        when(deadlines.schedule(any(Duration.class), anyString())).thenReturn("deadline-1");
    }

    @Test
    void aRestoredSagaRemembersTheReversalItAskedForTheReasonAndItsDeadline() {
        TradeSettlementSaga saga = new TradeSettlementSaga();
        saga.on(STARTED, commands, deadlines, new SettlementProperties(Duration.ofSeconds(30)));
        saga.on(SELL_SETTLED, EXECUTED_AT, commands);
        saga.on(BUY_REJECTED, EXECUTED_AT, commands);
        verify(commands).send(REVERSE_SELL);
        clearInvocations(commands);

        TradeSettlementSaga restored = restore(saga);
        restored.on(SELL_SETTLED, LATER, commands);
        verifyNoInteractions(commands);
        restored.on(SELL_UNDONE, LATER, commands);
        verify(commands).send(new FailSettlement(TRADE, TradeLegRejected.RESERVATION_SHORT, LATER));

        TradeSettlementSaga ended = restore(restored);
        ended.on(new SettlementFailed(TRADE, TradeLegRejected.RESERVATION_SHORT, LATER), deadlines);
        verify(deadlines).cancelSchedule(TradeSettlementSaga.DEADLINE, "deadline-1");
    }

    private TradeSettlementSaga restore(TradeSettlementSaga saga) {
        SerializedObject<byte[]> stored = serializer.serialize(saga, byte[].class);
        return serializer.deserialize(stored);
    }
}
