package io.bourse.settlement.trade;

import io.bourse.events.DomainException;
import io.bourse.events.order.TradeExecuted;
import io.bourse.events.settlement.StartSettlement;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens the settlement record of every trade order-service executes. It waits for the record to be stored before
 * its processor moves on, and any other failure stops the processor to retry the same trade: no trade is skipped.
 * StartSettlement is idempotent by trade id, so a redelivered trade opens nothing twice and, since the saga starts
 * on the record's first event, starts no second saga.
 */
@Component
@ProcessingGroup(SettlementStarter.PROCESSING_GROUP)
class SettlementStarter {

    static final String PROCESSING_GROUP = "settlement-start";

    private static final Logger log = LoggerFactory.getLogger(SettlementStarter.class);

    @EventHandler
    void on(TradeExecuted event, CommandGateway commands) {
        StartSettlement start = new StartSettlement(event.tradeId(), event.symbol(), event.price(), event.quantity(),
                event.buyOrderId(), event.sellOrderId(), event.buyerAccountId(), event.sellerAccountId(),
                event.executedAt());
        try {
            commands.sendAndWait(start);
        } catch (RuntimeException e) {
            DomainException refused = domainCause(e);
            if (refused == null) {
                throw e;
            }
            // Retrying a trade the record refuses would hold up every trade after it.
            log.error("Trade {} cannot be settled and is skipped: {}", event.tradeId(), refused.getMessage());
        }
    }

    private static DomainException domainCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return domain;
            }
        }
        return null;
    }
}
