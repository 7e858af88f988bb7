package io.bourse.platform.web;

import java.net.URI;
import java.util.Locale;

/** The one spelling of a problem's {@code type}: a URN made from its code, as the API documents them. */
public final class ProblemTypes {

    private static final String PREFIX = "urn:bourse:problem:";

    private ProblemTypes() {
    }

    /** {@code ACCOUNT_NOT_FOUND} becomes {@code urn:bourse:problem:account-not-found}. */
    public static URI of(String code) {
        return URI.create(PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
