package io.bourse.benchmarks.flow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Clients that watch the order-service's streams through the run, as trading programs do: half the public tape of a
 * symbol, half its book. Counts what they receive, and how long each trade took from its execution (stamped by the
 * book as it matched, before the commit) to its arrival on a client; every client and the services share this
 * machine's clock.
 */
final class StreamWatchers implements AutoCloseable {

    private final List<HttpResponse<Stream<String>>> streams = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final LongAdder events = new LongAdder();
    private final LongAdder trades = new LongAdder();
    private final LongAdder ended = new LongAdder();
    private final Recorder latency = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
    private long eventsAtMark;
    private long tradesAtMark;
    private long markNanos = System.nanoTime();

    private StreamWatchers() {
    }

    /** Opens {@code count} streams on the order-service, spread over the symbols, each with the given token. */
    static StreamWatchers open(URI order, String bearer, List<String> symbols, int count)
            throws IOException, InterruptedException {
        StreamWatchers watchers = new StreamWatchers();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < count; i++) {
            String symbol = symbols.get((i / 2) % symbols.size());
            String path = i % 2 == 0 ? "/api/v1/streams/trades?symbol=" + symbol
                    : "/api/v1/streams/order-books/" + symbol;
            HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(order.resolve(path))
                    .header("Accept", "text/event-stream").header("Authorization", bearer).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IOException(path + " answered " + response.statusCode());
            }
            watchers.streams.add(response);
            Thread reader = new Thread(() -> watchers.read(response), "stream-watcher-" + i);
            reader.setDaemon(true);
            reader.start();
            watchers.readers.add(reader);
        }
        return watchers;
    }

    int count() {
        return streams.size();
    }

    private void read(HttpResponse<Stream<String>> response) {
        String event = null;
        try {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && event != null) {
                    received(event, line);
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
        } catch (RuntimeException e) {
            // Closed at the end of the run.
        }
    }

    private void received(String event, String data) {
        long now = Instant.now().toEpochMilli() * 1000 + (System.nanoTime() / 1000) % 1000;
        events.increment();
        switch (event) {
            case "trade" -> {
                trades.increment();
                int at = data.indexOf("\"executedAt\":\"");
                if (at >= 0) {
                    Instant executed = Instant.parse(data.substring(at + 14, data.indexOf('"', at + 14)));
                    long micros = now - (executed.getEpochSecond() * 1_000_000 + executed.getNano() / 1000);
                    latency.recordValue(Math.max(0, Math.min(micros, TimeUnit.SECONDS.toMicros(60))));
                }
            }
            case "end" -> ended.increment();
            default -> {
            }
        }
    }

    /** Starts a new window: what {@link #window()} reports is counted from here. */
    void mark() {
        eventsAtMark = events.sum();
        tradesAtMark = trades.sum();
        markNanos = System.nanoTime();
        latency.reset();
    }

    /** What the clients received since {@link #mark()}. */
    Window window() {
        double seconds = (System.nanoTime() - markNanos) / 1e9;
        Histogram histogram = latency.getIntervalHistogram();
        return new Window(streams.size(), (events.sum() - eventsAtMark) / seconds,
                (trades.sum() - tradesAtMark) / seconds, histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0, ended.sum());
    }

    record Window(int subscribers, double eventsPerSecond, double tradeEventsPerSecond, long tradesTimed,
                  double p50Ms, double p99Ms, double maxMs, long ended) {
        String describe() {
            return "%d stream clients received %.0f events/s (%.0f trade events/s); trade executed -> received on a"
                    .formatted(subscribers, eventsPerSecond, tradeEventsPerSecond)
                    + " client: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d; streams ended by the service: %d"
                    .formatted(p50Ms, p99Ms, maxMs, tradesTimed, ended);
        }
    }

    @Override
    public void close() {
        streams.forEach(response -> response.body().close());
    }
}
