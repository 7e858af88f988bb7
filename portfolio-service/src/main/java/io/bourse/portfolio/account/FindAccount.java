package io.bourse.portfolio.account;

/** Asks for one account with its balances; answered with an optional {@link AccountView}. */
public record FindAccount(String accountId) {
}
