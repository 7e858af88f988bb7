package io.bourse.platform.security;

import io.bourse.events.Actor;
import io.bourse.events.portfolio.AccountNotFoundException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The one ownership check of a service's API: who the caller is, and whether they may act on an account. An account
 * is its owner's (the subject that opened it); an admin may act on any. A caller refused is told what a caller is
 * told of an account that does not exist, so ids of others' accounts reveal nothing.
 */
public class Access {

    static final String ROLE_PREFIX = "ROLE_";

    private final AccountOwners owners;

    public Access(AccountOwners owners) {
        this.owners = owners;
    }

    /** The caller of the request this thread serves. */
    public static Actor caller() {
        return actorOf(SecurityContextHolder.getContext().getAuthentication());
    }

    static Actor actorOf(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("no authenticated caller on this thread");
        }
        Set<String> roles = token.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .collect(Collectors.toSet());
        return new Actor(token.getName(), roles);
    }

    /**
     * Whether the caller may act on the account: its owner, or an admin. For a trader an account not open is false;
     * an admin is not made to wait for the lookup, and the command or query then answers for a missing account.
     */
    public boolean mayActOn(String accountId) {
        Actor caller = caller();
        return caller.isAdmin() ? accountId != null : owners.ownerOf(accountId).map(caller::mayActFor).orElse(false);
    }

    /**
     * Which account ids an answer may show the caller: every one to an admin, otherwise only those of the accounts
     * named (already checked to be the caller's; nulls are skipped). A trade's counterparty stays unnamed.
     */
    public Predicate<String> shownAccounts(String... callersAccounts) {
        if (caller().isAdmin()) {
            return accountId -> true;
        }
        Set<String> own = Arrays.stream(callersAccounts).filter(Objects::nonNull).collect(Collectors.toSet());
        return own::contains;
    }

    /** The account, as the caller's to act on; otherwise the account is answered as not found (404). */
    public void requireAccount(String accountId) {
        if (!mayActOn(accountId)) {
            throw new AccountNotFoundException("no account " + accountId);
        }
    }
}
