package io.bourse.settlement.trade;

import static io.bourse.events.DomainException.required;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.order.Side;
import io.bourse.events.portfolio.TradeLegState;
import io.bourse.events.settlement.FlagSettlement;
import io.bourse.events.settlement.LegRejected;
import io.bourse.events.settlement.LegReversed;
import io.bourse.events.settlement.LegSettled;
import io.bourse.events.settlement.RecordLegOutcome;
import io.bourse.events.settlement.SettlementFailed;
import io.bourse.events.settlement.SettlementOverdue;
import io.bourse.events.settlement.SettlementParked;
import io.bourse.events.settlement.SettlementStarted;
import io.bourse.events.settlement.StartSettlement;
import io.bourse.events.settlement.TradeSettled;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The settlement record of one trade: PENDING from the trade on, then SETTLED or FAILED, once. It records what the
 * portfolios answered for each leg and decides from that: SETTLED when both legs settled; FAILED once a leg was
 * rejected and every leg is void (rejected, or reversed by compensation). Every command is idempotent, because the
 * trade and the answers arrive at least once: a repeat finds the record as it is and records nothing.
 */
@Aggregate(cache = "settlementCache")
public class Settlement {

    /** The failure reason of a leg rejected without saying why. */
    static final String LEG_REJECTED = "LEG_REJECTED";

    @AggregateIdentifier
    private String tradeId;
    private SettlementStatus status;
    private TradeLegState buy;
    private TradeLegState sell;
    private String failureReason;
    private boolean overdue;
    private boolean parked;

    Settlement() {
    }

    /** Answers whether this command opened the record; a repeat answers {@code false} and records nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(StartSettlement command) {
        if (tradeId != null) {
            return false;
        }
        apply(new SettlementStarted(required(command.tradeId(), "tradeId"), required(command.symbol(), "symbol"),
                positive(command.price()), positive(command.quantity()), required(command.buyOrderId(), "buyOrderId"),
                required(command.sellOrderId(), "sellOrderId"), required(command.buyerAccountId(), "buyerAccountId"),
                required(command.sellerAccountId(), "sellerAccountId"),
                required(command.buyReservationId(), "buyReservationId"),
                required(command.sellReservationId(), "sellReservationId"),
                required(command.startedAt(), "startedAt")));
        return true;
    }

    @CommandHandler
    public void handle(RecordLegOutcome command) {
        Side side = required(command.side(), "side");
        TradeLegState state = required(command.state(), "state");
        Instant at = required(command.recordedAt(), "recordedAt");
        if (status != SettlementStatus.PENDING || !changes(leg(side), state)) {
            return;
        }
        apply(switch (state) {
            case SETTLED -> new LegSettled(tradeId, side, at);
            case REJECTED -> new LegRejected(tradeId, side, command.reason(), at);
            case REVERSED -> new LegReversed(tradeId, side, at);
        });
        if (failureReason == null) {
            if (buy == TradeLegState.SETTLED && sell == TradeLegState.SETTLED) {
                apply(new TradeSettled(tradeId, at));
            }
        } else if (TradeLegState.isVoid(buy) && TradeLegState.isVoid(sell)) {
            apply(new SettlementFailed(tradeId, failureReason, at));
        }
    }

    @CommandHandler
    public void handle(FlagSettlement command) {
        Instant at = required(command.at(), "at");
        if (status != SettlementStatus.PENDING || parked) {
            return;
        }
        if (!overdue) {
            apply(new SettlementOverdue(tradeId, at));
        }
        if (command.park()) {
            apply(new SettlementParked(tradeId, command.attempt(), at));
        }
    }

    /** A leg's first answer counts; after that only a reversal, which compensation may ask of any leg. */
    private static boolean changes(TradeLegState current, TradeLegState answer) {
        return current == null || answer == TradeLegState.REVERSED && current != TradeLegState.REVERSED;
    }

    private TradeLegState leg(Side side) {
        return side == Side.BUY ? buy : sell;
    }

    @EventSourcingHandler
    void on(SettlementStarted event) {
        tradeId = event.tradeId();
        status = SettlementStatus.PENDING;
    }

    @EventSourcingHandler
    void on(LegSettled event) {
        leg(event.side(), TradeLegState.SETTLED);
    }

    @EventSourcingHandler
    void on(LegRejected event) {
        leg(event.side(), TradeLegState.REJECTED);
        if (failureReason == null) {
            failureReason = event.reason() != null ? event.reason() : LEG_REJECTED;
        }
    }

    @EventSourcingHandler
    void on(LegReversed event) {
        leg(event.side(), TradeLegState.REVERSED);
    }

    private void leg(Side side, TradeLegState state) {
        if (side == Side.BUY) {
            buy = state;
        } else {
            sell = state;
        }
    }

    @EventSourcingHandler
    void on(TradeSettled event) {
        status = SettlementStatus.SETTLED;
    }

    @EventSourcingHandler
    void on(SettlementFailed event) {
        status = SettlementStatus.FAILED;
    }

    @EventSourcingHandler
    void on(SettlementOverdue event) {
        overdue = true;
    }

    @EventSourcingHandler
    void on(SettlementParked event) {
        parked = true;
    }

    private static BigDecimal positive(BigDecimal price) {
        if (required(price, "price").signum() <= 0) {
            throw new DomainException(Kind.INVALID, "INVALID_PRICE", "price must be positive");
        }
        return price;
    }

    private static long positive(long quantity) {
        if (quantity <= 0) {
            throw new DomainException(Kind.INVALID, "INVALID_QUANTITY", "quantity must be positive");
        }
        return quantity;
    }
}
