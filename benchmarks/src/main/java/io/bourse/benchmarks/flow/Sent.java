package io.bourse.benchmarks.flow;

import java.util.concurrent.CompletableFuture;

/**
 * One request of the open loop and what became of it. The answer is written by the HTTP client's threads and read
 * by a cancel of the order (which needs its id) and, after the run, by the reads.
 */
final class Sent {

    /** Not sent: the order to cancel never got an id (its placement failed). */
    static final int SKIPPED = -1;
    /** No answer: the connection failed or the request timed out. */
    static final int NO_ANSWER = -2;

    final Request request;
    final long dueNanos;
    private volatile int status;
    private volatile String orderId;
    private volatile long answeredNanos;
    private volatile boolean cancelAccepted;
    private final CompletableFuture<String> id = new CompletableFuture<>();

    Sent(Request request, long dueNanos) {
        this.request = request;
        this.dueNanos = dueNanos;
    }

    void answered(int status, String orderId, long answeredNanos) {
        this.orderId = orderId;
        this.answeredNanos = answeredNanos;
        this.status = status;
        id.complete(orderId);
    }

    /** The order's id once its placement is answered; null if it failed. */
    CompletableFuture<String> id() {
        return id;
    }

    void skipped() {
        this.status = SKIPPED;
    }

    void markCancelAccepted() {
        this.cancelAccepted = true;
    }

    int status() {
        return status;
    }

    boolean succeeded() {
        return status >= 200 && status < 300;
    }

    String orderId() {
        return orderId;
    }

    long answeredNanos() {
        return answeredNanos;
    }

    /** A resting order whose cancel was accepted is expected to end CANCELLED, not OPEN. */
    String expectedStatus() {
        return cancelAccepted ? "CANCELLED" : request.role().expected;
    }
}
