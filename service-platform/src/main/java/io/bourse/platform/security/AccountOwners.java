package io.bourse.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bourse.events.portfolio.FindAccountOwner;
import io.bourse.platform.commandbus.Questions;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Whose an account is, as its portfolio says. Asked once per account and remembered: an account's owner never
 * changes, so an answer never goes stale; the memory is bounded, and an account forgotten is asked for again.
 * An unknown account is not remembered, so it is found the moment it is opened.
 */
public class AccountOwners {

    private final CommandGateway commands;
    private final Duration timeout;
    private final Cache<String, String> owners;

    public AccountOwners(CommandGateway commands, Duration timeout, int maxRemembered) {
        this.commands = commands;
        this.timeout = timeout;
        this.owners = Caffeine.newBuilder().maximumSize(maxRemembered).build();
    }

    /** The owner's subject; empty when no such account is open. */
    public Optional<String> ownerOf(String accountId) {
        if (accountId == null || accountId.isBlank()) {
            return Optional.empty();
        }
        String known = owners.getIfPresent(accountId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> owner = Questions.ask(commands, new FindAccountOwner(accountId), timeout);
        owner.ifPresent(subject -> owners.put(accountId, subject));
        return owner;
    }
}
