package io.bourse.platform.commandbus;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this service has sent to other services' command topics since it started, per destination service: a few
 * counters per command, so an operator can see which service is slow to answer or refuses.
 */
public final class CommandTraffic {

    private final Map<String, Counts> destinations = new ConcurrentHashMap<>();

    void sent(String destination, boolean awaitsReply) {
        Counts counts = of(destination);
        (awaitsReply ? counts.sent : counts.sentWithoutReply).increment();
    }

    void answered(String destination, Outcome outcome) {
        Counts counts = of(destination);
        switch (outcome) {
            case SUCCEEDED -> counts.succeeded.increment();
            case FAILED -> counts.failed.increment();
            case TIMED_OUT -> counts.timedOut.increment();
        }
    }

    private Counts of(String destination) {
        return destinations.computeIfAbsent(destination, name -> new Counts());
    }

    /** The counts per destination now, with the pending commands and the oldest one's age as the connector sees. */
    public Map<String, Destination> snapshot(Map<String, Long> pending, Map<String, Duration> oldestPending) {
        Map<String, Destination> snapshot = new TreeMap<>();
        destinations.forEach((name, counts) -> snapshot.put(name, new Destination(counts.sent.sum(),
                counts.sentWithoutReply.sum(), counts.succeeded.sum(), counts.failed.sum(), counts.timedOut.sum(),
                pending.getOrDefault(name, 0L), oldestPending.getOrDefault(name, Duration.ZERO).toMillis())));
        return snapshot;
    }

    enum Outcome { SUCCEEDED, FAILED, TIMED_OUT }

    /**
     * One destination's traffic: commands sent awaiting a reply and sent one-way; replies that were results,
     * exceptions (refusals and failures alike), and commands that got no reply in time; how many wait now.
     */
    public record Destination(long sent, long sentWithoutReply, long succeeded, long failed, long timedOut,
                              long pending, long oldestPendingMillis) {
    }

    private static final class Counts {
        final LongAdder sent = new LongAdder();
        final LongAdder sentWithoutReply = new LongAdder();
        final LongAdder succeeded = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder timedOut = new LongAdder();
    }
}
