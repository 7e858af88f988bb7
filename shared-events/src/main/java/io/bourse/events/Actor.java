package io.bourse.events;

import io.bourse.events.portfolio.AccountNotFoundException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who asked for a command: the token subject and roles of the request it came from. It travels in the metadata of
 * commands and of the events they cause ({@value #SUBJECT}, {@value #ROLES}), across services too, so a handler can
 * refuse what its actor may not do and the event store records who did what.
 */
public record Actor(String subject, Set<String> roles) {

    public static final String SUBJECT = "subject";
    public static final String ROLES = "roles";
    /** May act on any account and on the actuator. */
    public static final String ADMIN = "admin";
    /** Lists instruments, credits deposits, freezes and unfreezes accounts. */
    public static final String OPERATOR = "operator";

    public Actor {
        roles = Set.copyOf(roles);
    }

    public static Actor of(String subject, Collection<String> roles) {
        return new Actor(subject, new LinkedHashSet<>(roles));
    }

    /** The actor a message's metadata names, if it names one. */
    public static Optional<Actor> from(Map<String, ?> metaData) {
        Object subject = metaData.get(SUBJECT);
        if (!(subject instanceof String name) || name.isBlank()) {
            return Optional.empty();
        }
        Object roles = metaData.get(ROLES);
        Set<String> granted = roles instanceof String list && !list.isBlank()
                ? new LinkedHashSet<>(Arrays.asList(list.split(" ")))
                : Set.of();
        return Optional.of(new Actor(name, granted));
    }

    /** The metadata entries that name this actor; roles as one space-separated string, as in OAuth scopes. */
    public Map<String, String> metaData() {
        return roles.isEmpty() ? Map.of(SUBJECT, subject) : Map.of(SUBJECT, subject, ROLES, String.join(" ", roles));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(ADMIN);
    }

    /** The owner may act on what is theirs, an admin on anything. */
    public boolean mayActFor(String owner) {
        return isAdmin() || subject.equals(owner);
    }

    /**
     * The actor of a command that only its owner (or an admin) may give; without one, or with another, the account
     * is answered as unknown, so a refusal tells nothing of whether it exists.
     */
    public static void requireOwner(Map<String, ?> metaData, String owner, String accountId) {
        if (!from(metaData).map(actor -> actor.mayActFor(owner)).orElse(false)) {
            throw new AccountNotFoundException("no account " + accountId);
        }
    }

    /** The actor of a command that needs a role (an admin has every role). */
    public static void requireRole(Map<String, ?> metaData, String role) {
        if (!from(metaData).map(actor -> actor.hasRole(role) || actor.isAdmin()).orElse(false)) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "FORBIDDEN", "this needs the " + role + " role");
        }
    }
}
