package io.bourse.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.BaseSubscriber;
import tools.jackson.databind.json.JsonMapper;

class LiveStreamsTest {

    private final StreamProperties properties = new StreamProperties();
    private LiveStreams live;

    private LiveStreams live() {
        live = new LiveStreams(JsonMapper.builder().build(), properties);
        return live;
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.destroy();
        }
    }

    /** Publishes from a batch as a projection does, and commits (or rolls back) the batch. */
    private static void batch(LiveStreams live, boolean commit, Consumer<LiveStreams.Publications> publish) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.onPrepareCommit(u -> publish.accept(live.publications()));
        if (commit) {
            batch.commit();
        } else {
            batch.rollback();
        }
    }

    private static void publish(LiveStreams live, String topic, Object... payloads) {
        batch(live, true, out -> {
            for (Object payload : payloads) {
                out.publish(topic, "change", payload);
            }
        });
    }

    @Test
    void aSubscriberGetsTheSnapshotThenEveryCommittedEventInOrderAndNothingOfABatchRolledBack() {
        LiveStreams live = live();
        Client client = new Client(Long.MAX_VALUE);
        live.subscribe("book:A", null, () -> Map.of("bids", List.of())).subscribe(client);
        publish(live, "book:A", Map.of("n", 1), Map.of("n", 2));
        batch(live, false, out -> out.publish("book:A", "change", Map.of("n", 99)));
        publish(live, "book:B", Map.of("n", 1));
        publish(live, "book:A", Map.of("n", 3));

        assertThat(client.events).extracting(ServerSentEvent::event)
                .containsExactly("snapshot", "change", "change", "change");
        assertThat(client.events.get(0).data()).isEqualTo("{\"reason\":\"subscribed\",\"bids\":[]}");
        assertThat(client.events.subList(1, 4)).extracting(ServerSentEvent::data)
                .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(client.events).extracting(ServerSentEvent::id).doesNotHaveDuplicates().doesNotContainNull();
    }

    @Test
    void nothingIsPublishedToATopicNobodyWatches() {
        LiveStreams live = live();
        batch(live, true, out -> {
            assertThat(out.watched("book:A")).isFalse();
            out.publish("book:A", "change", Map.of("n", 1));
        });
        Client client = new Client(Long.MAX_VALUE);
        live.subscribe("book:A", null, Map::of).subscribe(client);
        assertThat(client.events).extracting(ServerSentEvent::event).containsExactly("snapshot");
    }

    @Test
    void aClientThatReconnectsWithItsLastIdGetsWhatItMissedOrAFreshSnapshotThatSaysWhy() {
        properties.setKeptPerTopic(3);
        LiveStreams live = live();
        Client first = new Client(Long.MAX_VALUE);
        live.subscribe("book:A", null, Map::of).subscribe(first);
        publish(live, "book:A", Map.of("n", 1));
        first.dispose();
        String last = first.events.get(1).id();
        publish(live, "book:A", Map.of("n", 2), Map.of("n", 3));

        Client resumed = new Client(Long.MAX_VALUE);
        live.subscribe("book:A", last, Map::of).subscribe(resumed);
        assertThat(resumed.events).extracting(ServerSentEvent::data).containsExactly("{\"n\":2}", "{\"n\":3}");
        resumed.dispose();

        // Four more, of which the topic keeps three: the one after the client's last is gone.
        publish(live, "book:A", Map.of("n", 4), Map.of("n", 5), Map.of("n", 6), Map.of("n", 7));
        Client tooLate = new Client(Long.MAX_VALUE);
        live.subscribe("book:A", resumed.events.get(1).id(), () -> Map.of("n", 7)).subscribe(tooLate);
        assertThat(tooLate.events).extracting(ServerSentEvent::data)
                .containsExactly("{\"reason\":\"resume-unavailable\",\"n\":7}");

        Client stranger = new Client(Long.MAX_VALUE);
        live.subscribe("book:A", "another-life-7", Map::of).subscribe(stranger);
        assertThat(stranger.events.get(0).data()).contains("resume-unavailable");
    }

    @Test
    void aClientThatDoesNotReadIsEndedOnceItsBufferIsFullAndNothingMoreIsKeptForIt() {
        properties.setBufferPerSubscriber(4);
        LiveStreams live = live();
        Client slow = new Client(1);
        live.subscribe("book:A", null, Map::of).subscribe(slow);
        for (int n = 1; n <= 10; n++) {
            publish(live, "book:A", Map.of("n", n));
        }
        assertThat(slow.events).hasSize(1);
        slow.request(100);

        assertThat(slow.events).extracting(ServerSentEvent::event)
                .containsExactly("snapshot", "change", "change", "change", "change", "end");
        assertThat(slow.events.get(5).data()).contains("\"reason\":\"slow-consumer\"");
        assertThat(slow.events.get(5).id()).as("the end leaves the last id for a resume").isNull();
        assertThat(slow.completed).isTrue();
        assertThat(live.subscribers()).isZero();
    }

    @Test
    void anUnchangedStateIsNotSentAgain() {
        LiveStreams live = live();
        Client client = new Client(Long.MAX_VALUE);
        live.subscribe("book:A", null, () -> Map.of("bid", 1)).subscribe(client);
        batch(live, true, out -> out.publishState("book:A", "depth", Map.of("bid", 1)));
        batch(live, true, out -> out.publishState("book:A", "depth", Map.of("bid", 2)));
        batch(live, true, out -> out.publishState("book:A", "depth", Map.of("bid", 2)));
        assertThat(client.events).extracting(ServerSentEvent::data)
                .containsExactly("{\"reason\":\"subscribed\",\"bid\":1}", "{\"bid\":2}");
    }

    @Test
    void everyStreamEndsWithAReasonWhenTheServiceStopsAndNoMoreAreOpenedThanConfigured() {
        properties.setMaxSubscribers(1);
        LiveStreams live = live();
        Client client = new Client(Long.MAX_VALUE);
        live.subscribe("book:A", null, Map::of).subscribe(client);
        assertThatThrownBy(() -> live.subscribe("book:B", null, Map::of))
                .isInstanceOf(TooManyStreamsException.class);
        live.destroy();
        assertThat(client.events).extracting(ServerSentEvent::event).containsExactly("snapshot", "end");
        assertThat(client.events.get(1).data()).contains("\"reason\":\"shutdown\"");
        assertThat(client.completed).isTrue();
    }

    @Test
    void anIdleStreamGetsKeepAliveComments() throws InterruptedException {
        properties.setKeepAlive(Duration.ofMillis(20));
        LiveStreams live = live();
        Client client = new Client(Long.MAX_VALUE);
        live.subscribe("book:A", null, Map::of).subscribe(client);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (client.events.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(client.events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(client.events.get(1).comment()).isEqualTo("keep-alive");
    }

    /** A client that asks for a number of events at first, and more when told. */
    private static final class Client extends BaseSubscriber<ServerSentEvent<String>> {
        private final long initial;
        private final List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
        private volatile boolean completed;

        Client(long initial) {
            this.initial = initial;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(initial);
        }

        @Override
        protected void hookOnNext(ServerSentEvent<String> event) {
            events.add(event);
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
        }
    }
}
