package io.bourse.benchmarks.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends a step's requests on schedule, one every 1/rate seconds, from one pacing thread that never waits for an
 * answer: a slow server gets more requests outstanding, not fewer requests. Each latency counts from when its
 * request was due, so time the pacer itself lost is charged too, and a stall is not hidden by the requests it kept
 * from being sent (coordinated omission).
 */
final class OpenLoop {

    /** Everything the step sent, with the answers, and the clocks to place it in server time. */
    record Intake(List<Sent> sent, Histogram placeAnswer, Histogram cancelAnswer, ErrorCounts.Summary errors,
                  long firstDueNanos, long lastDueNanos, long lastAnswerNanos, Instant wallAtFirstDue,
                  long placed, long placeAccepted, long cancels, long cancelAccepted, long cancelSkipped,
                  long maxPacerLagMicros, boolean answersComplete) {

        Instant wall(long nanos) {
            return wallAtFirstDue.plusNanos(nanos - firstDueNanos);
        }

        Duration length() {
            return Duration.ofNanos(lastDueNanos - firstDueNanos);
        }

        long accepted() {
            return placeAccepted + cancelAccepted;
        }

        /** Requests answered with success per second, from the first due time to the last successful answer. */
        double acceptedRate() {
            double seconds = (lastAnswerNanos - firstDueNanos) / 1e9;
            return seconds > 0 ? accepted() / seconds : 0;
        }
    }

    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(30);

    private final BourseClient client;
    private final List<String> symbols;
    private final List<String> accounts;

    OpenLoop(BourseClient client, List<String> symbols, List<String> accounts) {
        this.client = client;
        this.symbols = symbols;
        this.accounts = accounts;
    }

    Intake run(Workload workload, double rate, Duration duration, Duration answerWait) throws InterruptedException {
        Histogram placeAnswer = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        Histogram cancelAnswer = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        ErrorCounts errors = new ErrorCounts();
        AtomicLong lastAnswer = new AtomicLong();
        List<Sent> sent = new ArrayList<>();
        Map<Integer, Sent> bySlot = new HashMap<>();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        long count = Math.max(1, (long) Math.floor(duration.toNanos() / 1e9 * rate));
        double interval = 1e9 / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        Instant wallAtStart = Instant.now().plusNanos(start - System.nanoTime());
        long maxLag = 0;
        long lastDue = start;
        // The step's slots, then the rest of the units they began (a buy after its sell, a cancel after its order).
        for (long issued = 0; ; issued++) {
            Request request = issued < count ? workload.next() : workload.nextFollowUp();
            if (request == null) {
                break;
            }
            long due = start + Math.round(request.slot() * interval);
            lastDue = due;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            maxLag = Math.max(maxLag, System.nanoTime() - due);
            Sent entry = new Sent(request, due);
            sent.add(entry);
            bySlot.put(request.slot(), entry);
            Sent target = request.isCancel() ? bySlot.get(request.target()) : null;
            CompletableFuture<HttpResponse<String>> sending;
            if (request.isCancel()) {
                if (target == null) {
                    entry.skipped();
                    continue;
                }
                // A client can only cancel an order it has the id of: a cancel due before its order was answered
                // leaves when the answer comes, and the wait counts in its latency.
                String account = accounts.get(request.account());
                sending = target.id().thenCompose(id -> id == null ? CompletableFuture.completedFuture(null)
                        : client.cancel(account, id));
            } else {
                sending = client.place(accounts.get(request.account()), body(request));
            }
            Histogram histogram = request.isCancel() ? cancelAnswer : placeAnswer;
            answers.add(sending.whenComplete((response, error) -> {
                long now = System.nanoTime();
                if (error == null && response == null) {
                    entry.skipped();
                    return;
                }
                if (error != null) {
                    errors.failed(error);
                    entry.answered(Sent.NO_ANSWER, null, now);
                    return;
                }
                int status = response.statusCode();
                if (status < 200 || status >= 300) {
                    errors.answered(status, response.headers().firstValue("Retry-After").isPresent());
                    entry.answered(status, null, now);
                    return;
                }
                histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, (now - due) / 1000)));
                lastAnswer.accumulateAndGet(now, Math::max);
                if (target != null) {
                    target.markCancelAccepted();
                    entry.answered(status, null, now);
                } else {
                    entry.answered(status, orderId(response), now);
                }
            }));
        }
        boolean complete = true;
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .exceptionally(error -> null)
                    .get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            complete = false;
        } catch (ExecutionException e) {
            // Each failure is counted where it happened.
        }
        long placed = 0;
        long placeAccepted = 0;
        long cancels = 0;
        long cancelAccepted = 0;
        long cancelSkipped = 0;
        for (Sent entry : sent) {
            if (entry.request.isCancel()) {
                cancels += entry.status() == Sent.SKIPPED ? 0 : 1;
                cancelSkipped += entry.status() == Sent.SKIPPED ? 1 : 0;
                cancelAccepted += entry.succeeded() ? 1 : 0;
            } else {
                placed++;
                placeAccepted += entry.succeeded() ? 1 : 0;
            }
        }
        return new Intake(sent, placeAnswer, cancelAnswer, errors.summary(), start, lastDue,
                lastAnswer.get() == 0 ? lastDue : lastAnswer.get(), wallAtStart, placed, placeAccepted, cancels,
                cancelAccepted, cancelSkipped, maxLag / 1000, complete);
    }

    private String body(Request request) {
        StringBuilder json = new StringBuilder(200)
                .append("{\"accountId\":\"").append(accounts.get(request.account()))
                .append("\",\"symbol\":\"").append(symbols.get(request.symbol()))
                .append("\",\"side\":\"").append(request.side().name())
                .append("\",\"type\":\"").append(request.market() ? "MARKET" : "LIMIT")
                .append("\",\"timeInForce\":\"").append(request.market() ? "IOC" : "GTC")
                .append("\",\"quantity\":").append(request.quantity())
                // A market buy carries the crossing price as its worst price, so it can only take the liquidity.
                .append(",\"limitPrice\":\"").append(request.price()).append("\"}");
        return json.toString();
    }

    private static String orderId(HttpResponse<String> response) {
        try {
            JsonNode body = BourseClient.JSON.readTree(response.body());
            String id = body.path("orderId").asText(null);
            return id == null || id.isBlank() ? null : id;
        } catch (IOException e) {
            return null;
        }
    }
}
