package io.bourse.platform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Asynchronous work that an event handler starts and that its processor's batch must see finished before it commits,
 * so the processor's position moves past an event only once the work the event asked for is done. The work of a
 * whole batch runs at once and is awaited once, at the batch's commit: one wait per batch, not one per event. When
 * any of it fails or takes too long, the batch rolls back and the processor handles the same events again, which is
 * why such work must be idempotent.
 */
public final class BeforeCommit {

    private static final String RESOURCE = BeforeCommit.class.getName();

    private BeforeCommit() {
    }

    /**
     * The {@code kind} names the work and keeps apart what different handlers of one batch wait for; the batch waits
     * up to {@code timeout}, from its commit, for all the work of that kind.
     */
    public static void await(String kind, Future<?> work, Duration timeout) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Map<String, List<Future<?>>> pendingByKind = unitOfWork.getOrComputeResource(RESOURCE, key -> new HashMap<>());
        pendingByKind.computeIfAbsent(kind, k -> {
            List<Future<?>> futures = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> awaitAll(kind, futures, timeout));
            return futures;
        }).add(work);
    }

    private static void awaitAll(String kind, List<Future<?>> pending, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Future<?> work : pending) {
                work.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnfinishedWorkException("interrupted while waiting for " + kind, e);
        } catch (ExecutionException e) {
            throw new UnfinishedWorkException(kind + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new UnfinishedWorkException(kind + " did not finish within " + timeout.toMillis() + " ms", e);
        }
    }

    /** Fails the batch, so the processor retries it from its last committed position. */
    public static class UnfinishedWorkException extends RuntimeException {
        UnfinishedWorkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
