package io.bourse.platform.operations;

import io.bourse.platform.axon.DeadLetterQueues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/eventprocessors}: every event processor of this service, where its segments stand and who claims
 * them, how far each is behind its source, and its errors; and the operator's actions on one processor:
 * <ul>
 * <li>{@code pause}: this instance stops the processor and releases its segments (another instance may claim them);
 * it stays stopped until {@code resume} or a restart.</li>
 * <li>{@code resume}: starts it again from where its tokens stand.</li>
 * <li>{@code replay}: rebuilds a read model from the event store: the processor stops, its reset handlers empty the
 * model (and its dead letters), its tokens go back to the start, and it runs again, answering queries from the model
 * as it fills. Only processors whose handlers have no effect outside their model may be replayed, and only while no
 * other instance claims any of their segments: pause it on the others first.</li>
 * </ul>
 */
@Endpoint(id = "eventprocessors")
public class EventProcessorsEndpoint {

    private static final Logger log = LoggerFactory.getLogger(EventProcessorsEndpoint.class);
    private static final String ACTIONS = "pause, resume, replay";

    private final EventProcessingConfiguration processing;
    private final ProcessorPositions positions;
    private final DeadLetterQueues deadLetters;
    private final DeadLetterCounts deadLetterCounts;

    public EventProcessorsEndpoint(EventProcessingConfiguration processing, ProcessorPositions positions,
                                   DeadLetterQueues deadLetters, DeadLetterCounts deadLetterCounts) {
        this.processing = processing;
        this.positions = positions;
        this.deadLetters = deadLetters;
        this.deadLetterCounts = deadLetterCounts;
    }

    @ReadOperation
    public Map<String, Processor> processors() {
        Map<String, Long> parked = deadLetterCounts.lettersByGroup();
        Map<String, Processor> all = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> all.put(name, describe(name, processor, parked)));
        return all;
    }

    @ReadOperation
    public WebEndpointResponse<Processor> processor(@Selector String name) {
        EventProcessor processor = processing.eventProcessors().get(name);
        if (processor == null) {
            return OperatorAnswer.notFound("event processor", name);
        }
        return new WebEndpointResponse<>(describe(name, processor, deadLetterCounts.lettersByGroup()));
    }

    @WriteOperation
    public WebEndpointResponse<Processor> act(@Selector String name, @Nullable String action) {
        EventProcessor processor = processing.eventProcessors().get(name);
        if (processor == null) {
            return OperatorAnswer.notFound("event processor", name);
        }
        switch (action == null ? "" : action) {
            case "pause" -> {
                log.info("Operator pauses event processor {}", name);
                processor.shutDown();
            }
            case "resume" -> {
                log.info("Operator resumes event processor {}", name);
                processor.start();
            }
            case "replay" -> {
                WebEndpointResponse<Processor> refused = replay(name, processor);
                if (refused != null) {
                    return refused;
                }
            }
            default -> {
                return OperatorAnswer.unknownAction(action, ACTIONS);
            }
        }
        return new WebEndpointResponse<>(describe(name, processor, deadLetterCounts.lettersByGroup()));
    }

    private WebEndpointResponse<Processor> replay(String name, EventProcessor processor) {
        if (!(processor instanceof StreamingEventProcessor streaming) || !streaming.supportsReset()) {
            return OperatorAnswer.refused(409, "REPLAY_NOT_ALLOWED", "Not replayable", name
                    + " has handlers with effects outside a read model (commands, messages), so its events are never"
                    + " handled twice on purpose");
        }
        log.warn("Operator replays event processor {}: its read model is rebuilt from the event store", name);
        boolean wasRunning = streaming.isRunning();
        streaming.shutDown();
        try {
            streaming.resetTokens();
        } catch (RuntimeException e) {
            log.warn("Replay of {} refused: {}", name, e.getMessage());
            return OperatorAnswer.refused(409, "SEGMENTS_CLAIMED", "Segments claimed elsewhere", name
                    + " could not be reset because another instance claims some of its segments; pause it on every"
                    + " instance, then replay here");
        } finally {
            if (wasRunning) {
                streaming.start();
            }
        }
        return null;
    }

    private Processor describe(String name, EventProcessor processor, Map<String, Long> parked) {
        String type = processor instanceof TrackingEventProcessor ? "tracking"
                : processor instanceof PooledStreamingEventProcessor ? "pooled"
                : processor instanceof SubscribingEventProcessor ? "subscribing" : processor.getClass().getSimpleName();
        Long deadLettered = deadLetters.groups().contains(name) ? parked.getOrDefault(name, 0L) : null;
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new Processor(name, type, processor.isRunning(), processor.isError(), false, false, true, null,
                    null, deadLettered, List.of());
        }
        Map<Integer, EventTrackerStatus> here = streaming.processingStatus();
        List<Segment> segments = new ArrayList<>();
        Long lag = null;
        String source = null;
        boolean replaying = false;
        boolean caughtUp = true;
        for (ProcessorPositions.Segment stored : positions.segments(name)) {
            EventTrackerStatus status = here.get(stored.segment());
            String error = status == null || status.getError() == null ? null : describe(status.getError());
            boolean segmentReplaying = status != null && replaying(status);
            Boolean segmentCaughtUp = status == null ? null : status.isCaughtUp();
            replaying |= segmentReplaying;
            caughtUp &= segmentCaughtUp == null || segmentCaughtUp;
            source = source == null ? stored.source() : source;
            if (stored.lag() != null) {
                lag = lag == null ? stored.lag() : Math.max(lag, stored.lag());
            }
            segments.add(new Segment(stored.segment(), stored.owner(), status != null, stored.tokenStoredAt(),
                    stored.position(), stored.head(), stored.lag(), segmentCaughtUp, segmentReplaying, error));
        }
        return new Processor(name, type, streaming.isRunning(), streaming.isError(), streaming.supportsReset(),
                replaying, caughtUp, source, lag, deadLettered, segments);
    }

    /**
     * Axon keeps a segment in replay until it handles an event past the position it was reset at; for the operator the
     * replay is over once the segment has reached that position.
     */
    private static boolean replaying(EventTrackerStatus status) {
        if (!status.isReplaying()) {
            return false;
        }
        OptionalLong position = status.getCurrentPosition();
        OptionalLong resetAt = status.getResetPosition();
        return position.isEmpty() || resetAt.isEmpty() || position.getAsLong() < resetAt.getAsLong();
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    /**
     * A processor: its kind, whether it runs here and is in error, whether it may be replayed and is replaying,
     * whether all segments this instance claims are caught up, its source, its lag (the most any segment is behind,
     * in events), the events its processing group has parked (absent for groups without a dead-letter queue), and its
     * segments as the token store has them.
     */
    public record Processor(String name, String type, boolean running, boolean error, boolean replayable,
                            boolean replaying, boolean caughtUp, String source, Long lag, Long deadLetters,
                            List<Segment> segments) {
    }

    /**
     * A segment: the owner that claims it (empty when unclaimed) and whether that is this instance; when its token
     * was stored; its position, the head of its source and the difference; and, where this instance processes it,
     * whether it is caught up or replaying and its last error.
     */
    public record Segment(int segment, String owner, boolean claimedHere, String tokenStoredAt, Long position,
                          Long head, Long lag, Boolean caughtUp, boolean replaying, String error) {
    }
}
