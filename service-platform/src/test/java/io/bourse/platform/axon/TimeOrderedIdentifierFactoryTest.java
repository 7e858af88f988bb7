package io.bourse.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonNamesEveryMessageWithTheTimeOrderedFactory() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        String identifier = GenericEventMessage.asEventMessage("an event").getIdentifier();
        assertThat(UUID.fromString(identifier).version()).isEqualTo(7);
    }

    @Test
    void identifiersDrawnAtOnceFromManyThreadsNeverRepeatAndFollowTheClock() throws Exception {
        IdentifierFactory factory = new TimeOrderedIdentifierFactory();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> drawn = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            drawn.add(threads.submit(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 50_000; i++) {
                    ids.add(factory.generateIdentifier());
                }
                return ids;
            }));
        }
        Set<String> all = new HashSet<>();
        for (Future<List<String>> future : drawn) {
            List<String> ids = future.get();
            for (int i = 1; i < ids.size(); i++) {
                assertThat(millisecond(ids.get(i))).isGreaterThanOrEqualTo(millisecond(ids.get(i - 1)));
            }
            all.addAll(ids);
        }
        threads.shutdown();
        assertThat(all).hasSize(200_000);
    }

    /** The first 48 bits of a version 7 UUID: the milliseconds since the epoch when it was drawn. */
    private static long millisecond(String identifier) {
        return UUID.fromString(identifier).getMostSignificantBits() >>> 16;
    }
}
