package io.bourse.benchmarks.flow;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of work a mix is made of, each with the number of requests one unit of it sends. */
enum Kind {
    /** A limit sell and a limit buy at the same price and quantity: one trade. */
    CROSS(2),
    /** A limit order far from the market that stays on the book. */
    REST(1),
    /** The DELETE of an earlier resting order. */
    CANCEL(1),
    /** A liquidity sell, and a while later a market IOC buy that takes it. */
    MARKET(2);

    final int requests;

    Kind(int requests) {
        this.requests = requests;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Kind named(String name) {
        for (Kind kind : values()) {
            if (kind.label().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind of work '" + name + "'; the kinds are "
                + Arrays.stream(values()).map(Kind::label).collect(Collectors.joining(", ")));
    }
}
