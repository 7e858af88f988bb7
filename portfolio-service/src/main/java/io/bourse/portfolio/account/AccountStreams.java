package io.bourse.portfolio.account;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.bourse.events.Assets;
import io.bourse.events.order.Side;
import io.bourse.events.portfolio.TradeLegRejected;
import io.bourse.events.portfolio.TradeLegReversed;
import io.bourse.events.portfolio.TradeLegSettled;
import io.bourse.platform.streams.LiveStreams;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Each account's stream (docs/STREAMS.md), published from the account views' batches: the account as it now stands
 * after every change, and its settlement legs as they settle, are refused or are undone.
 */
@Component
class AccountStreams {

    static final String ACCOUNTS = "accounts";

    private final LiveStreams live;

    AccountStreams(LiveStreams live) {
        this.live = live;
    }

    static String account(String accountId) {
        return LiveStreams.topic(ACCOUNTS, accountId);
    }

    /** Within the batch's transaction, once its rows are written: {@code read} sees what the batch wrote. */
    void written(Set<String> accounts, List<SettlementLeg> legs, Function<String, Optional<AccountView>> read) {
        LiveStreams.Publications out = live.publications();
        for (SettlementLeg leg : legs) {
            out.publish(account(leg.accountId()), "settlement", leg);
        }
        for (String accountId : accounts) {
            if (out.watched(account(accountId))) {
                read.apply(accountId).ifPresent(view ->
                        out.publishState(account(accountId), "account", AccountController.AccountResponse.of(view)));
            }
        }
    }

    /** The account views are being rebuilt: their streams end, and a client that comes back starts afresh. */
    void rebuilding() {
        live.endAll(ACCOUNTS, "replay", "the account views are being rebuilt");
    }

    /** One leg of a trade, as the account sees it settle. */
    record SettlementLeg(@JsonIgnore String accountId, String tradeId, String legId,
                         String symbol, Side side, Long quantity, String price, String cashAmount, String status,
                         String reason) {

        static SettlementLeg settled(TradeLegSettled event) {
            return new SettlementLeg(event.accountId(), event.tradeId(), event.legId(), event.symbol(), event.side(),
                    event.quantity(), Assets.decimalString(event.price()), cash(event.cashAmount()), "SETTLED", null);
        }

        static SettlementLeg reversed(TradeLegReversed event) {
            return new SettlementLeg(event.accountId(), event.tradeId(), event.legId(), event.symbol(), event.side(),
                    event.quantity(), Assets.decimalString(event.price()), cash(event.cashAmount()), "REVERSED", null);
        }

        static SettlementLeg rejected(TradeLegRejected event) {
            return new SettlementLeg(event.accountId(), event.tradeId(), event.legId(), null, event.side(), null, null,
                    null, "REJECTED", event.reason());
        }

        private static String cash(BigDecimal amount) {
            return Assets.normalize(Assets.CASH, amount).toPlainString();
        }
    }
}
