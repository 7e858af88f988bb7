package io.bourse.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bourse.events.portfolio.AccountNotFoundException;
import io.bourse.events.portfolio.FindAccountOwner;
import io.bourse.platform.commandbus.Causes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

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
        try {
            String owner = commands.<String>send(new FindAccountOwner(accountId))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            owners.put(accountId, owner);
            return Optional.of(owner);
        } catch (ExecutionException e) {
            if (Causes.find(e, AggregateNotFoundException.class) != null
                    || Causes.find(e, AccountNotFoundException.class) != null) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot learn the owner of account " + accountId, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer on the owner of account " + accountId + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for the owner of account " + accountId, e);
        }
    }
}
