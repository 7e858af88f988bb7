package io.bourse.events.portfolio;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks an account's portfolio whose it is; answered with the owner's subject, or not found. Another service asks
 * once per account and remembers the answer, since an account's owner never changes.
 */
public record FindAccountOwner(@TargetAggregateIdentifier String accountId) {
}
