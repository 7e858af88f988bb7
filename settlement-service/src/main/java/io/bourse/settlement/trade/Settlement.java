package io.bourse.settlement.trade;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.settlement.CompleteSettlement;
import io.bourse.events.settlement.FailSettlement;
import io.bourse.events.settlement.SettlementFailed;
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
 * The settlement record of one trade: PENDING from the trade on, then SETTLED or FAILED, once. Every command is
 * idempotent by the trade id, because the trade and the saga's commands arrive at least once: a repeat finds the
 * record as it is and records nothing.
 */
@Aggregate
public class Settlement {

    @AggregateIdentifier
    private String tradeId;
    private SettlementStatus status;

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
                required(command.sellerAccountId(), "sellerAccountId"), required(command.startedAt(), "startedAt")));
        return true;
    }

    @CommandHandler
    public void handle(CompleteSettlement command) {
        Instant settledAt = required(command.settledAt(), "settledAt");
        if (status == SettlementStatus.PENDING) {
            apply(new TradeSettled(tradeId, settledAt));
        }
    }

    @CommandHandler
    public void handle(FailSettlement command) {
        String reason = required(command.reason(), "reason");
        Instant failedAt = required(command.failedAt(), "failedAt");
        if (status == SettlementStatus.PENDING) {
            apply(new SettlementFailed(tradeId, reason, failedAt));
        }
    }

    @EventSourcingHandler
    void on(SettlementStarted event) {
        tradeId = event.tradeId();
        status = SettlementStatus.PENDING;
    }

    @EventSourcingHandler
    void on(TradeSettled event) {
        status = SettlementStatus.SETTLED;
    }

    @EventSourcingHandler
    void on(SettlementFailed event) {
        status = SettlementStatus.FAILED;
    }

    private static <T> T required(T value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new DomainException(Kind.INVALID, "MISSING_VALUE", field + " is required");
        }
        return value;
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
