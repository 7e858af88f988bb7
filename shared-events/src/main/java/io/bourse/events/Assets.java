package io.bourse.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * The one cash asset and the rules every amount of an asset follows: exact, scale 2 for cash, whole units for
 * securities, and within the bounds below, which keep every sum a read model keeps far inside its column.
 */
public final class Assets {

    public static final String CASH = "USD";
    public static final int CASH_SCALE = 2;

    /** The most units one order may be for. */
    public static final long MAX_QUANTITY = 1_000_000_000L;
    /** The highest price, and tick size, an order or an instrument may name. */
    public static final String MAX_PRICE = "1000000000";
    /** The most of an asset one deposit or withdrawal may move. */
    public static final String MAX_AMOUNT = "1000000000000";

    private static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9.]{0,11}");

    private Assets() {
    }

    public static boolean isCash(String asset) {
        return CASH.equals(asset);
    }

    /** A name an instrument may be listed under: the symbol's spelling, and never a cash asset's name. */
    public static boolean isValidSymbol(String symbol) {
        return symbol != null && SYMBOL.matcher(symbol).matches() && !isCash(symbol);
    }

    public static boolean isValidAsset(String asset) {
        return isCash(asset) || isValidSymbol(asset);
    }

    /**
     * The one spelling of a price or amount on the wire: at least to the cent, no trailing zeros beyond it
     * ({@code 101.5} and {@code 101.500} are both {@code 101.50}), so equal values read alike in every service.
     */
    public static BigDecimal atLeastCents(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.setScale(Math.max(stripped.scale(), CASH_SCALE));
    }

    /** {@link #atLeastCents} as a plain decimal string, or null for no value. */
    public static String decimalString(BigDecimal value) {
        return value == null ? null : atLeastCents(value).toPlainString();
    }

    /** The amount in the asset's own scale, or an exception when it would need rounding. */
    public static BigDecimal normalize(String asset, BigDecimal amount) {
        int scale = isCash(asset) ? CASH_SCALE : 0;
        try {
            return amount.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new DomainException(DomainException.Kind.INVALID, "INVALID_AMOUNT",
                    isCash(asset) ? "cash amounts have at most 2 decimals" : "security amounts are whole units");
        }
    }
}
