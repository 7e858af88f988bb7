package io.bourse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A client of one server-sent event stream, as a program reads it: each event (id, name, JSON data) in the order it
 * came, read on a thread of its own. Comments (keep-alives) are not events.
 */
final class EventStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Event CLOSED = new Event(null, "(closed)", null);

    record Event(String id, String name, JsonNode data) {
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream at {@code url} with the token, resuming after {@code lastEventId} when it is not null. */
    static EventStream open(String url, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStream(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
        String id = null;
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, parse(data.toString())));
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException e) {
            // The stream was closed, by either side.
        } finally {
            events.add(CLOSED);
        }
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next event, waiting up to 30 s for it; fails when none comes or the stream ends. */
    Event next() {
        Event event = poll(Duration.ofSeconds(30));
        assertThat(event).as("the next event of the stream").isNotNull();
        assertThat(event).as("the stream is still open").isNotSameAs(CLOSED);
        return event;
    }

    /** The next event named {@code name}, failing on any other. */
    Event next(String name) {
        Event event = next();
        assertThat(event.name()).as("the event after the last one, with data " + event.data()).isEqualTo(name);
        return event;
    }

    /** Nothing more arrives within {@code quiet}. */
    void assertNoEventWithin(Duration quiet) {
        Event event = poll(quiet);
        assertThat(event).as("no further event").isNull();
    }

    /** The stream ends: whatever events come before it, then the end of the body. */
    boolean endedWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Event event;
        do {
            event = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } while (event != null && event != CLOSED);
        return event == CLOSED;
    }

    Event poll(Duration timeout) {
        try {
            return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        response.body().close();
    }
}
