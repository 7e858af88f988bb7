package io.bourse.platform.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service's live streams: what its projections commit, pushed to the clients that watch it as server-sent events.
 * <p>
 * A stream is a <em>topic</em>, named by the stream and a key ({@code order-book:ACME:10}, {@code orders:<account>}).
 * A projection publishes to the topics its batch changed, in the batch's transaction and only to topics someone
 * watches ({@link #publications()}); the events go out once the batch has committed, serialized once for every
 * subscriber. A subscriber first receives a snapshot read from the read model, then every event after it.
 * <p>
 * No gap and no repeat between the snapshot and the events: a batch that publishes holds {@link #commits} from before
 * it commits until its events are handed out, and a subscriber reads its snapshot and joins its topic under the same
 * lock. Every batch it did not see in the snapshot therefore commits after the subscriber joined, and reaches it.
 * <p>
 * Each topic keeps its latest events, so a client that reconnects with the id of the last event it received resumes
 * from the next one. Ids name the topic's life in this process ({@code <epoch>-<n>}): after a restart, or when the
 * event asked for is no longer kept, the client gets a fresh snapshot that says so.
 * <p>
 * Every subscriber has a bounded buffer. One that falls further behind is ended with an {@code end} event
 * ({@code slow-consumer}) rather than kept in memory; so is a stream whose token expires, and every stream when the
 * read model behind it is rebuilt or the service stops.
 */
public class LiveStreams implements DisposableBean {

    public static final String SNAPSHOT = "snapshot";
    public static final String END = "end";
    /** The header a client resumes with, and how the stream endpoints describe it and themselves in OpenAPI. */
    public static final String LAST_EVENT_ID = "Last-Event-ID";
    public static final String LAST_EVENT_ID_DESCRIPTION = "The id of the last event received, to resume after it";
    public static final String OPENAPI_TAG = "Streams";
    public static final String OPENAPI_TAG_DESCRIPTION =
            "Live changes as server-sent events: a snapshot, then every change";

    private static final String BATCH = LiveStreams.class.getName() + "/batch";
    private static final ServerSentEvent<String> KEEP_ALIVE = ServerSentEvent.<String>builder().comment("keep-alive")
            .build();

    /** Held by a publishing batch from before its commit until its events are handed out, and by a subscriber joining. */
    private final ReentrantLock commits = new ReentrantLock();
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final JsonMapper json;
    private final StreamProperties properties;
    private final Disposable sweeper;
    private final Disposable keepAlive;

    public LiveStreams(JsonMapper json, StreamProperties properties) {
        this.json = json;
        this.properties = properties;
        long every = Math.max(1, properties.getIdleTopicRetention().toMillis() / 2);
        this.sweeper = Schedulers.parallel().schedulePeriodically(this::sweep, every, every, TimeUnit.MILLISECONDS);
        long beat = properties.getKeepAlive().toMillis();
        this.keepAlive = Schedulers.parallel().schedulePeriodically(this::keepAlive, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** A topic's name: the stream and its key. */
    public static String topic(String stream, String key) {
        return stream + ":" + key;
    }

    /**
     * What the current processor batch publishes. Ask for it where the batch writes its read model, as it prepares to
     * commit: from then on the batch holds the lock subscribers join under, until its events have been handed out
     * after the commit (or the batch has rolled back, and nothing is published).
     */
    public Publications publications() {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("streams are published from a processor's batch only");
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(BATCH, key -> {
            Publications publications = new Publications();
            batch.afterCommit(u -> {
                try {
                    publications.deliver();
                } finally {
                    publications.release();
                }
            });
            batch.onRollback(u -> publications.release());
            batch.onCleanup(u -> publications.release());
            return publications;
        });
    }

    /**
     * A client's stream of one topic: a snapshot (from {@code snapshot}, read under the lock) or, when the client
     * resumes with {@code lastEventId} and the topic still keeps what followed it, the events it missed; then every
     * event as it is published, with a keep-alive comment every so often; and at the end, an {@code end} event.
     */
    public Flux<ServerSentEvent<String>> subscribe(String topicName, @Nullable String lastEventId,
                                                   Supplier<?> snapshot) {
        if (subscribers.incrementAndGet() > properties.getMaxSubscribers()) {
            subscribers.decrementAndGet();
            throw new TooManyStreamsException(properties.getMaxSubscribers());
        }
        Subscriber subscriber = new Subscriber(properties.getBufferPerSubscriber());
        Topic topic;
        List<ServerSentEvent<String>> first;
        commits.lock();
        try {
            topic = topics.computeIfAbsent(topicName, name -> new Topic(properties.getKeptPerTopic()));
            first = topic.after(lastEventId);
            if (first == null) {
                first = List.of(topic.snapshot(lastEventId == null ? "subscribed" : "resume-unavailable",
                        json.valueToTree(snapshot.get())));
            }
            topic.join(subscriber);
        } catch (RuntimeException e) {
            subscribers.decrementAndGet();
            throw e;
        } finally {
            commits.unlock();
        }
        Disposable expiry = endAtTokenExpiry(subscriber);
        return Flux.concat(Flux.fromIterable(first), subscriber.live(), Mono.fromSupplier(subscriber::endEvent))
                .doFinally(signal -> {
                    expiry.dispose();
                    topic.leave(subscriber);
                    subscribers.decrementAndGet();
                });
    }

    /** A stream lasts as long as the token it was opened with; the client reconnects with a fresh one. */
    private static Disposable endAtTokenExpiry(Subscriber subscriber) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)
                || token.getToken().getExpiresAt() == null) {
            return Disposables.disposed();
        }
        long millis = Math.max(0, Duration.between(Instant.now(), token.getToken().getExpiresAt()).toMillis());
        return Schedulers.parallel().schedule(
                () -> subscriber.end("token-expired", "the token this stream was opened with has expired"),
                millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Ends every stream of {@code stream} (every stream when null) with {@code reason}, and forgets their topics: a
     * client that reconnects gets a fresh snapshot. For a read model that is about to be rebuilt.
     */
    public void endAll(@Nullable String stream, String reason, String detail) {
        commits.lock();
        try {
            topics.entrySet().removeIf(entry -> {
                if (stream != null && !entry.getKey().startsWith(stream + ":")) {
                    return false;
                }
                entry.getValue().endAll(reason, detail);
                return true;
            });
        } finally {
            commits.unlock();
        }
    }

    /** Streams open now, for metrics and tests. */
    public int subscribers() {
        return subscribers.get();
    }

    /** Topics nobody has watched for a while are dropped with what they kept. */
    private void sweep() {
        long idleBefore = System.nanoTime() - properties.getIdleTopicRetention().toNanos();
        commits.lock();
        try {
            topics.values().removeIf(topic -> topic.idleSince(idleBefore));
        } finally {
            commits.unlock();
        }
    }

    /** A comment on every stream, queued as events are: it shows a client, and any proxy between, that it lives. */
    private void keepAlive() {
        topics.values().forEach(Topic::keepAlive);
    }

    @Override
    public void destroy() {
        sweeper.dispose();
        keepAlive.dispose();
        endAll(null, "shutdown", "the service is stopping");
    }

    /**
     * One batch's events, published once it has committed. Publishing to a topic nobody watches costs nothing, so a
     * projection asks {@link #watched} before it reads anything for a stream.
     */
    public final class Publications {

        private final List<Publication> queued = new ArrayList<>();
        private boolean held;

        private Publications() {
            commits.lock();
            held = true;
        }

        public boolean watched(String topicName) {
            return topics.containsKey(topicName);
        }

        /** The keys of the watched topics of {@code stream}. */
        public Set<String> watchedKeys(String stream) {
            String prefix = stream + ":";
            return topics.keySet().stream().filter(name -> name.startsWith(prefix))
                    .map(name -> name.substring(prefix.length())).collect(Collectors.toSet());
        }

        /** Queues {@code payload} as an {@code event} of the topic, if someone watches it. */
        public void publish(String topicName, String event, Object payload) {
            if (watched(topicName)) {
                queued.add(new Publication(topicName, event, payload, false));
            }
        }

        /**
         * Queues the topic's new state, unless it is the state the topic last gave (its last event or a snapshot):
         * for streams whose every event is the whole state, such as a book's depth, which many changes leave as it
         * was.
         */
        public void publishState(String topicName, String event, Object state) {
            if (watched(topicName)) {
                queued.add(new Publication(topicName, event, state, true));
            }
        }

        private void deliver() {
            for (Publication publication : queued) {
                Topic topic = topics.get(publication.topic());
                if (topic != null) {
                    String data = json.writeValueAsString(publication.payload());
                    if (!publication.state() || !data.equals(topic.lastState)) {
                        topic.append(publication.event(), data);
                    }
                }
            }
        }

        private void release() {
            if (held) {
                held = false;
                commits.unlock();
            }
        }
    }

    private record Publication(String topic, String event, Object payload, boolean state) {
    }

    /** A topic's life in this process: its epoch, its latest events and its subscribers. */
    private final class Topic {

        private final String epoch = Long.toString(System.nanoTime() ^ (long) (Math.random() * Long.MAX_VALUE), 36);
        private final int keep;
        private final ArrayDeque<Kept> kept = new ArrayDeque<>();
        private final Set<Subscriber> watching = ConcurrentHashMap.newKeySet();
        private long sequence;
        /** The data of the last event or snapshot, to leave out a state that did not change. */
        private @Nullable String lastState;
        private volatile long idleSince = System.nanoTime();

        Topic(int keep) {
            this.keep = keep;
        }

        void append(String event, String data) {
            sequence++;
            lastState = data;
            ServerSentEvent<String> sse = ServerSentEvent.builder(data).id(id(sequence)).event(event).build();
            kept.addLast(new Kept(sequence, sse));
            if (kept.size() > keep) {
                kept.removeFirst();
            }
            for (Subscriber subscriber : watching) {
                subscriber.offer(sse);
            }
        }

        /** The snapshot's data says why it was sent, then gives the state. */
        ServerSentEvent<String> snapshot(String reason, JsonNode state) {
            lastState = json.writeValueAsString(state);
            ObjectNode data = json.createObjectNode();
            data.put("reason", reason);
            if (state instanceof ObjectNode fields) {
                data.setAll(fields);
            }
            return ServerSentEvent.builder(json.writeValueAsString(data)).id(id(sequence)).event(SNAPSHOT).build();
        }

        /** The events after {@code lastEventId}, or null when they cannot all be given: a fresh snapshot is due. */
        @Nullable List<ServerSentEvent<String>> after(@Nullable String lastEventId) {
            if (lastEventId == null || !lastEventId.startsWith(epoch + "-")) {
                return null;
            }
            long last;
            try {
                last = Long.parseLong(lastEventId.substring(epoch.length() + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            long oldestKept = kept.isEmpty() ? sequence + 1 : kept.getFirst().sequence();
            if (last > sequence || last + 1 < oldestKept) {
                return null;
            }
            return kept.stream().filter(event -> event.sequence() > last).map(Kept::event).toList();
        }

        void join(Subscriber subscriber) {
            watching.add(subscriber);
        }

        void leave(Subscriber subscriber) {
            if (watching.remove(subscriber) && watching.isEmpty()) {
                idleSince = System.nanoTime();
            }
        }

        boolean idleSince(long before) {
            return watching.isEmpty() && idleSince - before < 0;
        }

        void keepAlive() {
            watching.forEach(subscriber -> subscriber.offer(KEEP_ALIVE));
        }

        void endAll(String reason, String detail) {
            watching.forEach(subscriber -> subscriber.end(reason, detail));
        }

        private String id(long n) {
            return epoch + "-" + n;
        }
    }

    private record Kept(long sequence, ServerSentEvent<String> event) {
    }
}
