package io.bourse.benchmarks.flow;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests that did not succeed, by cause. Load shed by the server (429 or 503, which the contract pairs with
 * Retry-After) is kept apart from other error answers, and requests that got no answer at all are kept apart by
 * why: no connection, or no answer within the request timeout.
 */
final class ErrorCounts {

    record Summary(Map<String, Long> byStatus, long shed, long shedWithRetryAfter, long connection, long timeout,
                   long other) {

        long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum() + connection + timeout + other;
        }
    }

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final LongAdder shedWithRetryAfter = new LongAdder();
    private final LongAdder connection = new LongAdder();
    private final LongAdder timeout = new LongAdder();
    private final LongAdder other = new LongAdder();

    static boolean isShed(int status) {
        return status == 429 || status == 503;
    }

    void answered(int status, boolean retryAfter) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (isShed(status) && retryAfter) {
            shedWithRetryAfter.increment();
        }
    }

    void failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            timeout.increment();
        } else if (cause instanceof IOException) {
            connection.increment();
        } else {
            other.increment();
        }
    }

    Summary summary() {
        Map<String, Long> statuses = new TreeMap<>();
        long shed = 0;
        for (Map.Entry<Integer, LongAdder> entry : byStatus.entrySet()) {
            statuses.put(Integer.toString(entry.getKey()), entry.getValue().sum());
            if (isShed(entry.getKey())) {
                shed += entry.getValue().sum();
            }
        }
        return new Summary(statuses, shed, shedWithRetryAfter.sum(), connection.sum(), timeout.sum(), other.sum());
    }
}
