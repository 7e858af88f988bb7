package io.bourse.settlement.trade;

import io.bourse.events.DomainException;
import io.bourse.events.order.TradeExecuted;
import io.bourse.events.settlement.StartSettlement;
import io.bourse.platform.axon.NewStreams;
import io.bourse.platform.commandbus.Causes;
import io.bourse.platform.messaging.BeforeCommit;
import io.bourse.platform.messaging.MessagingProperties;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens the settlement record of every trade order-service executes. The records of a batch of trades are asked for
 * at once, and the batch commits (its processor moves on) only once every one is stored; a failure other than the
 * record's refusal fails the batch, which is retried: no trade is skipped.
 * StartSettlement is idempotent by trade id, so a redelivered trade opens nothing twice and, since the saga starts
 * on the record's first event, starts no second saga.
 * <p>
 * The record is the trade's stream in this service's store, named by the trade id, and only this processor opens
 * one, so the batch finds out at once which of its trades have no record yet ({@link NewStreams}) and their records
 * are created without being looked for.
 */
@Component
@DisallowReplay
@ProcessingGroup(SettlementStarter.PROCESSING_GROUP)
class SettlementStarter {

    static final String PROCESSING_GROUP = "settlement-start";

    private static final Logger log = LoggerFactory.getLogger(SettlementStarter.class);

    private final Duration timeout;
    private final NewStreams newStreams;

    SettlementStarter(MessagingProperties messaging, NewStreams newStreams) {
        this.timeout = messaging.getCommandTimeout();
        this.newStreams = newStreams;
    }

    @EventHandler
    void on(TradeExecuted event, CommandGateway commands) {
        // Most trades of a batch have no record yet: one query for the batch, not a load per trade.
        newStreams.findInBatch(message -> message.getPayload() instanceof TradeExecuted trade ? trade.tradeId() : null);
        StartSettlement start = new StartSettlement(event.tradeId(), event.symbol(), event.price(), event.quantity(),
                event.buyOrderId(), event.sellOrderId(), event.buyerAccountId(), event.sellerAccountId(),
                event.buyReservationId(), event.sellReservationId(), event.executedAt());
        CompletableFuture<Object> started = commands.send(start).exceptionally(failure -> {
            DomainException refused = Causes.find(failure, DomainException.class);
            if (refused == null) {
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            }
            // Retrying a trade the record refuses would hold up every trade after it.
            log.error("Trade {} cannot be settled and is skipped: {}", event.tradeId(), refused.getMessage());
            return null;
        });
        BeforeCommit.await("settlement records", started, timeout);
    }
}
