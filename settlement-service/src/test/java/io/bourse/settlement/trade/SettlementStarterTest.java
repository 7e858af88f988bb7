package io.bourse.settlement.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.order.Side;
import io.bourse.events.order.TradeExecuted;
import io.bourse.events.settlement.StartSettlement;
import io.bourse.platform.axon.NewStreams;
import io.bourse.platform.messaging.BeforeCommit;
import io.bourse.platform.messaging.MessagingProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class SettlementStarterTest {

    static final Instant EXECUTED_AT = Instant.parse("2026-11-02T09:30:00Z");
    static final TradeExecuted TRADE = new TradeExecuted("ACME", "ACME-7", "o-buy", "o-sell", "alice", "bob",
            "r-buy", "r-sell", new BigDecimal("101.25"), 10, Side.SELL, EXECUTED_AT);

    private final CommandGateway commands = mock(CommandGateway.class);
    private final SettlementStarter starter = new SettlementStarter(new MessagingProperties(),
            // Outside a processor's batch it knows no new streams and reads nothing.
            new NewStreams(new JdbcTemplate(), EventSchema.builder().build()));

    @Test
    void aTradeOpensItsSettlementAsOfTheTimeItExecutedWithTheHoldsItNames() {
        when(commands.send(any())).thenReturn(CompletableFuture.completedFuture(true));

        inBatch(() -> starter.on(TRADE, commands));

        verify(commands).send(new StartSettlement("ACME-7", "ACME", new BigDecimal("101.25"), 10, "o-buy",
                "o-sell", "alice", "bob", "r-buy", "r-sell", EXECUTED_AT));
    }

    @Test
    void aTradeTheSettlementRefusesIsSkippedSoLaterTradesAreNotHeldUp() {
        DomainException refused = new DomainException(Kind.INVALID, "MISSING_VALUE", "buyerAccountId is required");
        when(commands.send(any())).thenReturn(CompletableFuture.failedFuture(
                new CommandExecutionException("refused", refused)));

        assertThatCode(() -> inBatch(() -> starter.on(TRADE, commands))).doesNotThrowAnyException();
    }

    @Test
    void anyOtherFailureFailsTheBatchSoTheTradeIsRetried() {
        when(commands.send(any())).thenReturn(CompletableFuture.failedFuture(
                new IllegalStateException("database unavailable")));

        assertThatThrownBy(() -> inBatch(() -> starter.on(TRADE, commands)))
                .isInstanceOf(BeforeCommit.UnfinishedWorkException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBatchWaitsForEveryRecordItAskedFor() {
        CompletableFuture<Object> slow = new CompletableFuture<>();
        when(commands.send(any())).thenReturn(slow);

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        starter.on(TRADE, commands);
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> slow.complete(true));
        batch.commit();

        assertThat(slow).as("stored before the batch committed").isCompleted();
    }

    private static void inBatch(Runnable handling) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        handling.run();
        batch.commit();
    }
}
