package io.bourse.settlement.trade;

import io.bourse.events.Assets;
import io.bourse.events.order.Side;
import io.bourse.events.portfolio.ReverseTradeLeg;
import io.bourse.events.portfolio.SettleTradeLeg;
import io.bourse.events.portfolio.TradeLegRejected;
import io.bourse.events.portfolio.TradeLegReversed;
import io.bourse.events.portfolio.TradeLegSettled;
import io.bourse.events.settlement.CompleteSettlement;
import io.bourse.events.settlement.FailSettlement;
import io.bourse.events.settlement.SettlementFailed;
import io.bourse.events.settlement.SettlementStarted;
import io.bourse.events.settlement.TradeSettled;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one trade between the buyer's and the seller's portfolios: asks both to settle their leg, records the
 * trade SETTLED when both did, and when a leg cannot settle (or the deadline passes first) reverses whatever may
 * have moved and records it FAILED once every leg is known to be void.
 * <p>
 * It starts on {@link SettlementStarted}, which the {@link Settlement} records exactly once per trade, not on the
 * trade itself: a redelivered trade arriving after this saga ended must not start a second saga whose deadline
 * would reverse legs that long settled. Every command it sends is idempotent by its id, and what it already asked
 * for is remembered, so a duplicated event sends nothing new. Command times come from the events, so a repeat
 * carries the same content as the first.
 * <p>
 * The deadline is the safety net for lost commands and silent portfolios: each time it passes without an outcome
 * recorded, the saga asks again for what is still unconfirmed (reversals, or the outcome itself) and waits another
 * period. It never records FAILED while a leg may still hold what it moved.
 */
@Saga
@ProcessingGroup(TradeSettlementSaga.PROCESSING_GROUP)
public class TradeSettlementSaga {

    public static final String PROCESSING_GROUP = "trade-settlement";
    static final String TRADE_ID = "tradeId";
    static final String DEADLINE = "trade-settlement-deadline";
    /** The failure reason of a leg rejected without saying why. */
    static final String LEG_REJECTED = "LEG_REJECTED";

    private static final Logger log = LoggerFactory.getLogger(TradeSettlementSaga.class);

    private String tradeId;
    private Leg buy;
    private Leg sell;
    // Set by the first rejection or the deadline, whichever comes first; from then on the saga only compensates.
    private String failureReason;
    // The outcome asked of the Settlement and the time it carries, so that asking again sends the same command.
    private SettlementStatus outcome;
    private Instant outcomeAt;
    private String deadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(SettlementStarted event, CommandGateway commands, DeadlineManager deadlines,
                   SettlementProperties settings) {
        if (tradeId != null) {
            return;
        }
        tradeId = event.tradeId();
        buy = Leg.pending(event.buyerAccountId(), SettleTradeLeg.legId(tradeId, Side.BUY));
        sell = Leg.pending(event.sellerAccountId(), SettleTradeLeg.legId(tradeId, Side.SELL));
        BigDecimal cash = cashAmount(event.price(), event.quantity());
        send(commands, new SettleTradeLeg(buy.accountId(), buy.legId(), tradeId, Side.BUY, event.buyOrderId(),
                event.symbol(), event.quantity(), event.price(), cash));
        send(commands, new SettleTradeLeg(sell.accountId(), sell.legId(), tradeId, Side.SELL, event.sellOrderId(),
                event.symbol(), event.quantity(), event.price(), cash));
        deadlineId = deadlines.schedule(settings.deadline(), DEADLINE);
    }

    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(TradeLegSettled event, @Timestamp Instant settledAt, CommandGateway commands) {
        update(event.side(), leg -> leg.state() == LegState.PENDING ? leg.with(LegState.SETTLED) : leg);
        proceed(settledAt, commands);
    }

    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(TradeLegRejected event, @Timestamp Instant rejectedAt, CommandGateway commands) {
        if (leg(event.side()).state() == LegState.PENDING) {
            update(event.side(), leg -> leg.with(LegState.REJECTED));
            if (failureReason == null) {
                failureReason = event.reason() != null ? event.reason() : LEG_REJECTED;
            }
        }
        proceed(rejectedAt, commands);
    }

    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(TradeLegReversed event, @Timestamp Instant reversedAt, CommandGateway commands) {
        update(event.side(), leg -> leg.with(LegState.REVERSED));
        proceed(reversedAt, commands);
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void deadlinePassed(@Timestamp Instant passedAt, CommandGateway commands, DeadlineManager deadlines,
                               SettlementProperties settings) {
        if (outcome == SettlementStatus.SETTLED) {
            send(commands, new CompleteSettlement(tradeId, outcomeAt));
        } else if (outcome == SettlementStatus.FAILED) {
            send(commands, new FailSettlement(tradeId, failureReason, outcomeAt));
        } else {
            if (failureReason == null) {
                failureReason = SettlementFailed.DEADLINE_EXPIRED;
            }
            // An earlier reversal may have been lost on its way: ask again for every leg not yet known void.
            buy = buy.withReversalRequested(false);
            sell = sell.withReversalRequested(false);
            proceed(passedAt, commands);
        }
        deadlineId = deadlines.schedule(settings.deadline(), DEADLINE);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(TradeSettled event, DeadlineManager deadlines) {
        cancelDeadline(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(SettlementFailed event, DeadlineManager deadlines) {
        cancelDeadline(deadlines);
    }

    /** Asks for the next step the legs' states call for; with an outcome asked for already, there is none. */
    private void proceed(Instant at, CommandGateway commands) {
        if (outcome != null) {
            return;
        }
        if (failureReason == null) {
            if (buy.state() == LegState.SETTLED && sell.state() == LegState.SETTLED) {
                outcome = SettlementStatus.SETTLED;
                outcomeAt = at;
                send(commands, new CompleteSettlement(tradeId, at));
            }
            return;
        }
        // A pending leg is reversed too: that voids it, so a settle still on its way is refused.
        buy = compensate(buy, commands);
        sell = compensate(sell, commands);
        if (buy.isVoid() && sell.isVoid()) {
            outcome = SettlementStatus.FAILED;
            outcomeAt = at;
            send(commands, new FailSettlement(tradeId, failureReason, at));
        }
    }

    private Leg compensate(Leg leg, CommandGateway commands) {
        if (leg.isVoid() || leg.reversalRequested()) {
            return leg;
        }
        send(commands, new ReverseTradeLeg(leg.accountId(), leg.legId(), tradeId));
        return leg.withReversalRequested(true);
    }

    private Leg leg(Side side) {
        return side == Side.BUY ? buy : sell;
    }

    private void update(Side side, UnaryOperator<Leg> change) {
        if (side == Side.BUY) {
            buy = change.apply(buy);
        } else {
            sell = change.apply(sell);
        }
    }

    private void cancelDeadline(DeadlineManager deadlines) {
        if (deadlineId != null) {
            deadlines.cancelSchedule(DEADLINE, deadlineId);
            deadlineId = null;
        }
    }

    /** What the buyer pays and the seller receives; prices are whole cents, so nothing rounds in practice. */
    static BigDecimal cashAmount(BigDecimal price, long quantity) {
        return price.multiply(BigDecimal.valueOf(quantity)).setScale(Assets.CASH_SCALE, RoundingMode.HALF_EVEN);
    }

    // Never waits: the answer that counts is the event the command leads to, and the deadline covers a lost one.
    private static void send(CommandGateway commands, Object command) {
        commands.send(command).whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("{} was not handled; the settlement deadline covers it", command, failure);
            }
        });
    }

    enum LegState {
        /** Asked to settle, no answer yet. */
        PENDING,
        /** Settled: the leg moved cash and units. */
        SETTLED,
        /** Could not settle: nothing moved. */
        REJECTED,
        /** Undone, or voided before it settled: nothing of it stands. */
        REVERSED
    }

    /** One side of the trade as the saga knows it; its account is where the leg's commands are routed. */
    record Leg(String accountId, String legId, LegState state, boolean reversalRequested) {

        static Leg pending(String accountId, String legId) {
            return new Leg(accountId, legId, LegState.PENDING, false);
        }

        boolean isVoid() {
            return state == LegState.REJECTED || state == LegState.REVERSED;
        }

        Leg with(LegState newState) {
            return new Leg(accountId, legId, newState, reversalRequested);
        }

        Leg withReversalRequested(boolean requested) {
            return new Leg(accountId, legId, state, requested);
        }
    }
}
