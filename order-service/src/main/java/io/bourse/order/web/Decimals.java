package io.bourse.order.web;

import io.bourse.events.Assets;
import java.math.BigDecimal;

/** Prices cross the API as plain decimal strings, so clients never meet a binary float. */
final class Decimals {

    /** A plain positive decimal such as {@code 101.25}: no sign, no exponent, not zero. */
    static final String POSITIVE = "(?=.*[1-9])\\d{1,15}(\\.\\d{1,8})?";
    static final String POSITIVE_MESSAGE = "must be a positive decimal string such as \"101.25\"";

    private Decimals() {
    }

    /**
     * One spelling per value, at least to the cent ({@code "101.5"} and {@code "101.500"} become {@code 101.50}),
     * so equal prices read back alike wherever they are shown.
     */
    static BigDecimal parse(String value) {
        if (value == null) {
            return null;
        }
        return Assets.atLeastCents(new BigDecimal(value));
    }

    /** The same one spelling for values read back, such as an average fill price computed to six decimals. */
    static String format(BigDecimal value) {
        return Assets.decimalString(value);
    }
}
