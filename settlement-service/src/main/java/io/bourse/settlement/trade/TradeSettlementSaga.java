package io.bourse.settlement.trade;

import io.bourse.events.Assets;
import io.bourse.events.order.Side;
import io.bourse.events.portfolio.ReverseTradeLeg;
import io.bourse.events.portfolio.SettleTradeLeg;
import io.bourse.events.portfolio.TradeLegAnswer;
import io.bourse.events.portfolio.TradeLegState;
import io.bourse.events.settlement.FlagSettlement;
import io.bourse.events.settlement.LegRejected;
import io.bourse.events.settlement.LegReversed;
import io.bourse.events.settlement.RecordLegOutcome;
import io.bourse.events.settlement.SettlementFailed;
import io.bourse.events.settlement.SettlementStarted;
import io.bourse.events.settlement.TradeSettled;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles one trade between the buyer's and the seller's portfolios: asks both to settle their leg and, once a leg
 * is rejected, reverses every leg that is not void. Each portfolio's reply carries the leg's outcome, which the saga
 * hands to the {@link Settlement} record; the record decides SETTLED or FAILED, and this saga only reads the
 * record's events, all local: nothing it waits for travels through Kafka. On the way to SETTLED it handles only the
 * start and the end: a settled leg needs nothing from it, so the saga is not loaded for one.
 * <p>
 * It starts on {@link SettlementStarted}, which the record emits exactly once per trade, so a redelivered trade
 * starts no second saga. Every command it sends is idempotent by its leg id.
 * <p>
 * The deadline never unwinds a trade: the funds are held, so a leg that waits for a portfolio settles when the
 * portfolio is back. Each time it passes without an outcome, the record is flagged overdue (operators see it) and
 * whatever is still unanswered is asked again. After the configured number of attempts the record is parked for an
 * operator and the saga ends; an outcome that arrives later is still recorded.
 */
@Saga
@ProcessingGroup(TradeSettlementSaga.PROCESSING_GROUP)
public class TradeSettlementSaga {

    public static final String PROCESSING_GROUP = "trade-settlement";
    static final String TRADE_ID = "tradeId";
    static final String DEADLINE = "trade-settlement-deadline";

    private static final Logger log = LoggerFactory.getLogger(TradeSettlementSaga.class);

    private SettleTradeLeg buy;
    private SettleTradeLeg sell;
    // Only refusals and reversals are tracked: a deadline asks again for every leg not known void.
    private TradeLegState buyState;
    private TradeLegState sellState;
    private boolean compensating;
    private int attempts;
    private String deadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(SettlementStarted event, CommandGateway commands, DeadlineManager deadlines,
                   SettlementProperties settings, Clock clock) {
        if (buy != null) {
            return;
        }
        String tradeId = event.tradeId();
        BigDecimal cash = cashAmount(event.price(), event.quantity());
        buy = new SettleTradeLeg(event.buyerAccountId(), SettleTradeLeg.legId(tradeId, Side.BUY), tradeId, Side.BUY,
                event.buyReservationId(), event.symbol(), event.quantity(), event.price(), cash);
        sell = new SettleTradeLeg(event.sellerAccountId(), SettleTradeLeg.legId(tradeId, Side.SELL), tradeId,
                Side.SELL, event.sellReservationId(), event.symbol(), event.quantity(), event.price(), cash);
        ask(commands, clock, buy, buy);
        ask(commands, clock, sell, sell);
        deadlineId = deadlines.schedule(settings.deadline(), DEADLINE);
    }

    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(LegRejected event, CommandGateway commands, Clock clock) {
        track(event.side(), TradeLegState.REJECTED);
        if (!compensating) {
            compensating = true;
            askForWhatIsOpen(commands, clock);
        }
    }

    @SagaEventHandler(associationProperty = TRADE_ID)
    public void on(LegReversed event) {
        track(event.side(), TradeLegState.REVERSED);
    }

    private void track(Side side, TradeLegState state) {
        if (side == Side.BUY) {
            buyState = state;
        } else {
            sellState = state;
        }
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void deadlinePassed(@Timestamp Instant passedAt, CommandGateway commands, DeadlineManager deadlines,
                               SettlementProperties settings, Clock clock) {
        attempts++;
        boolean park = attempts >= settings.maxAttempts();
        String tradeId = buy.tradeId();
        send(commands, new FlagSettlement(tradeId, attempts, park, passedAt));
        if (park) {
            log.error("Settlement of trade {} is parked for an operator after {} attempts (buy leg {}, sell leg {})",
                    tradeId, attempts, buyState, sellState);
            deadlineId = null;
            SagaLifecycle.end();
            return;
        }
        log.warn("Settlement of trade {} is overdue (attempt {}): asking again (buy leg {}, sell leg {})", tradeId,
                attempts, buyState, sellState);
        askForWhatIsOpen(commands, clock);
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

    /**
     * Settling: both legs are asked again (a settled one answers as before, and the record ignores the repeat).
     * Compensating: each leg not void is reversed.
     */
    private void askForWhatIsOpen(CommandGateway commands, Clock clock) {
        if (!compensating) {
            ask(commands, clock, buy, buy);
            ask(commands, clock, sell, sell);
            return;
        }
        // A leg still pending is reversed too: that voids it, so a settle still on its way is refused.
        if (!TradeLegState.isVoid(buyState)) {
            ask(commands, clock, buy, new ReverseTradeLeg(buy.accountId(), buy.legId(), buy.tradeId()));
        }
        if (!TradeLegState.isVoid(sellState)) {
            ask(commands, clock, sell, new ReverseTradeLeg(sell.accountId(), sell.legId(), sell.tradeId()));
        }
    }

    /**
     * Sends a leg's command and records the portfolio's answer on the settlement record, from the reply, outside
     * this saga's transaction. A lost command or answer is covered by the deadline.
     */
    private static void ask(CommandGateway commands, Clock clock, SettleTradeLeg leg, Object command) {
        commands.send(command).whenComplete((answer, failure) -> {
            if (failure != null) {
                log.debug("{} had no answer; the settlement deadline covers it", command, failure);
                return;
            }
            TradeLegAnswer outcome = (TradeLegAnswer) answer;
            send(commands, new RecordLegOutcome(leg.tradeId(), leg.side(), outcome.state(), outcome.reason(),
                    clock.instant().truncatedTo(ChronoUnit.MICROS)));
        });
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

    private static void send(CommandGateway commands, Object command) {
        commands.send(command).whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("{} was not handled; the settlement deadline covers it", command, failure);
            }
        });
    }
}
