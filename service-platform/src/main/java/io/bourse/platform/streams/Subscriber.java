package io.bourse.platform.streams;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client's stream: the events waiting to be written to it, at most a buffer's worth. A client that lets more wait
 * is ended ({@code slow-consumer}): what is buffered is still written, then the {@code end} event, and nothing more.
 */
final class Subscriber {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Sinks.Many<ServerSentEvent<String>> pending;
    private final int buffer;
    private volatile @Nullable ServerSentEvent<String> end;

    Subscriber(int buffer) {
        this.buffer = buffer;
        this.pending = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(buffer));
    }

    /** The events published since the subscriber joined, until it is ended. */
    Flux<ServerSentEvent<String>> live() {
        return pending.asFlux();
    }

    synchronized void offer(ServerSentEvent<String> event) {
        if (end != null) {
            return;
        }
        if (pending.tryEmitNext(event) == Sinks.EmitResult.FAIL_OVERFLOW) {
            end("slow-consumer", "more than " + buffer + " events were waiting for this client;"
                    + " reconnect with Last-Event-ID to resume, or for a fresh snapshot");
        }
    }

    /** Ends the stream once what is buffered has been written; the first reason given is the one sent. */
    synchronized void end(String reason, String detail) {
        if (end != null) {
            return;
        }
        end = ServerSentEvent.builder(JSON.writeValueAsString(Map.of("reason", reason, "detail", detail)))
                .event(LiveStreams.END).build();
        pending.tryEmitComplete();
    }

    /** The end event, when the service ended the stream (none when the client went away). */
    @Nullable ServerSentEvent<String> endEvent() {
        return end;
    }
}
