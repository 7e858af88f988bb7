package io.bourse.platform.messaging;

/**
 * The one place topic names are made. They are part of the wire contract, so they are spelled out from the
 * service name and never derived from class names.
 */
public final class Topics {

    private Topics() {
    }

    public static String events(String service) {
        return "bourse." + service + ".events";
    }

    public static String commands(String service) {
        return "bourse." + service + ".commands";
    }

    public static String replies(String service) {
        return "bourse." + service + ".replies";
    }
}
