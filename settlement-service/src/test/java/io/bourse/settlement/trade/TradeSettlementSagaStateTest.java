package io.bourse.settlement.trade;

import static io.bourse.settlement.trade.TradeSettlementSagaTest.ANSWERED_AT;
import static io.bourse.settlement.trade.TradeSettlementSagaTest.BUY_REJECTED;
import static io.bourse.settlement.trade.TradeSettlementSagaTest.EXECUTED_AT;
import static io.bourse.settlement.trade.TradeSettlementSagaTest.REVERSE_SELL;
import static io.bourse.settlement.trade.TradeSettlementSagaTest.STARTED;
import static io.bourse.settlement.trade.TradeSettlementSagaTest.TRADE;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.bourse.events.portfolio.TradeLegRejected;
import io.bourse.events.settlement.FlagSettlement;
import io.bourse.events.settlement.SettlementFailed;
import io.bourse.platform.serialization.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
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

    private final Serializer serializer = Serialization.serializer();
    private final CommandGateway commands = mock(CommandGateway.class);
    private final DeadlineManager deadlines = mock(DeadlineManager.class);
    private final SettlementProperties settings = new SettlementProperties(Duration.ofSeconds(30), 20);
    private final Clock clock = Clock.fixed(ANSWERED_AT, ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        doReturn(new CompletableFuture<>()).when(commands).send(any());
        when(deadlines.schedule(any(Duration.class), anyString())).thenReturn("deadline-1");
    }

    @Test
    void aRestoredSagaRemembersItsLegsTheRefusalItsAttemptsAndItsDeadline() {
        TradeSettlementSaga saga = new TradeSettlementSaga();
        saga.on(STARTED, commands, deadlines, settings, clock);
        saga.on(BUY_REJECTED, commands, clock);
        verify(commands).send(REVERSE_SELL);
        clearInvocations(commands);

        TradeSettlementSaga restored = restore(saga);
        restored.deadlinePassed(EXECUTED_AT.plusSeconds(30), commands, deadlines, settings, clock);
        verify(commands).send(new FlagSettlement(TRADE, 1, false, EXECUTED_AT.plusSeconds(30)));
        verify(commands).send(REVERSE_SELL);

        TradeSettlementSaga again = restore(restored);
        again.deadlinePassed(EXECUTED_AT.plusSeconds(60), commands, deadlines, settings, clock);
        verify(commands).send(new FlagSettlement(TRADE, 2, false, EXECUTED_AT.plusSeconds(60)));

        TradeSettlementSaga ended = restore(again);
        ended.on(new SettlementFailed(TRADE, TradeLegRejected.RESERVATION_SHORT, ANSWERED_AT), deadlines);
        verify(deadlines).cancelSchedule(TradeSettlementSaga.DEADLINE, "deadline-1");
    }

    private TradeSettlementSaga restore(TradeSettlementSaga saga) {
        SerializedObject<byte[]> stored = serializer.serialize(saga, byte[].class);
        return serializer.deserialize(stored);
    }
}
