package io.bourse.e2e;

import io.bourse.events.portfolio.AssetDeposited;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * A handler of the test's own, added to portfolio-service: it books deposits, and fails on every deposit of the
 * accounts it is told are poisoned, as a handler with a bug for some data would.
 */
@ProcessingGroup(DepositLedger.GROUP)
public class DepositLedger {

    static final String GROUP = "deposit-ledger";
    static final Set<String> POISONED = ConcurrentHashMap.newKeySet();
    static final List<String> BOOKED = new CopyOnWriteArrayList<>();

    @EventHandler
    void on(AssetDeposited event) {
        if (POISONED.contains(event.accountId())) {
            throw new IllegalStateException("cannot book a deposit of " + event.accountId());
        }
        BOOKED.add(event.accountId() + " " + event.amount().stripTrailingZeros().toPlainString());
    }
}
