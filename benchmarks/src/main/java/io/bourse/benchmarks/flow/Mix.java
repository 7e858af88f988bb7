package io.bourse.benchmarks.flow;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The shares of the requests each kind of work sends, as in cross:70,rest:20,cancel:5,market:5. Shares are of
 * requests, not of units: a crossing pair is two requests, so cross:50,rest:50 draws a pair for
 * every two resting orders.
 */
record Mix(Map<Kind, Double> shares) {

    Mix {
        shares = Map.copyOf(shares);
        if (shares.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("a mix needs at least one positive share");
        }
    }

    static Mix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a mix is kind:share,...; e.g. cross:70,rest:20,cancel:5,market:5");
        }
        Map<Kind, Double> shares = new EnumMap<>(Kind.class);
        for (String part : text.split(",")) {
            String[] pair = part.split(":");
            if (pair.length != 2) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not kind:share");
            }
            Kind kind = Kind.named(pair[0]);
            double share;
            try {
                share = Double.parseDouble(pair[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the share of " + kind.label() + " is not a number: " + pair[1]);
            }
            if (share < 0 || Double.isNaN(share) || Double.isInfinite(share)) {
                throw new IllegalArgumentException("the share of " + kind.label() + " must be zero or more");
            }
            if (shares.put(kind, share) != null) {
                throw new IllegalArgumentException(kind.label() + " is named twice");
            }
        }
        return new Mix(shares);
    }

    double share(Kind kind) {
        return shares.getOrDefault(kind, 0.0);
    }

    /** The fraction of the requests that the kind sends. */
    double fraction(Kind kind) {
        return share(kind) / shares.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** A kind for the next unit of work, from a uniform draw in [0, 1). */
    Kind pick(double uniform) {
        double total = 0;
        for (Kind kind : Kind.values()) {
            total += unitWeight(kind);
        }
        double point = uniform * total;
        Kind last = null;
        for (Kind kind : Kind.values()) {
            double weight = unitWeight(kind);
            if (weight <= 0) {
                continue;
            }
            last = kind;
            if (point < weight) {
                return kind;
            }
            point -= weight;
        }
        return last;
    }

    // Units that send two requests are drawn half as often, so that the shares hold for requests.
    private double unitWeight(Kind kind) {
        return share(kind) / kind.requests;
    }

    @Override
    public String toString() {
        return shares.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey().label() + ":" + trim(entry.getValue()))
                .collect(Collectors.joining(","));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
