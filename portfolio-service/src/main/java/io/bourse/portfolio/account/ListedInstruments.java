package io.bourse.portfolio.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bourse.events.Assets;
import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.order.IsInstrumentListed;
import io.bourse.platform.commandbus.Questions;
import io.bourse.platform.messaging.MessagingProperties;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Which assets an account may be credited with: cash, or an instrument order-service has listed. The order book of
 * the symbol is asked once; a listing is never withdrawn, so a yes is remembered (in bounded memory), a no is not.
 */
@Component
class ListedInstruments {

    private static final int REMEMBERED = 10_000;

    private final CommandGateway commands;
    private final Duration timeout;
    private final Cache<String, Boolean> listed = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    ListedInstruments(CommandGateway commands, MessagingProperties messaging) {
        this.commands = commands;
        this.timeout = messaging.getCommandTimeout();
    }

    /** Refuses (400) an asset that is neither cash nor a listed instrument. */
    void requireHeld(String asset) {
        if (Assets.isCash(asset) || listed.getIfPresent(asset) != null) {
            return;
        }
        if (!isListed(asset)) {
            throw new DomainException(Kind.INVALID, "UNKNOWN_ASSET",
                    asset + " is neither " + Assets.CASH + " nor a listed instrument");
        }
        listed.put(asset, Boolean.TRUE);
    }

    private boolean isListed(String symbol) {
        return Questions.<Boolean>ask(commands, new IsInstrumentListed(symbol), timeout).orElse(false);
    }
}
