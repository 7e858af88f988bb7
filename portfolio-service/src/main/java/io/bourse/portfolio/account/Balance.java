package io.bourse.portfolio.account;

import java.math.BigDecimal;

/** What an account holds of one asset: free to use, and held for open orders. */
record Balance(BigDecimal available, BigDecimal reserved) {

    static final Balance NONE = new Balance(BigDecimal.ZERO, BigDecimal.ZERO);

    BigDecimal total() {
        return available.add(reserved);
    }

    Balance credit(BigDecimal amount) {
        return new Balance(available.add(amount), reserved);
    }

    Balance debit(BigDecimal amount) {
        return new Balance(available.subtract(amount), reserved);
    }

    Balance hold(BigDecimal amount) {
        return new Balance(available.subtract(amount), reserved.add(amount));
    }

    /** Held units or cash leave the account: a settled trade paid or delivered them. */
    Balance consume(BigDecimal amount) {
        return new Balance(available, reserved.subtract(amount));
    }

    Balance unhold(BigDecimal amount) {
        return new Balance(available.add(amount), reserved.subtract(amount));
    }
}
