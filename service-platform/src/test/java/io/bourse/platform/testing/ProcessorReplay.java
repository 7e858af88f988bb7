package io.bourse.platform.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** For tests of a read model: its processor reads every event of the service again, as after a lost token. */
public final class ProcessorReplay {

    private ProcessorReplay() {
    }

    /**
     * Stops the processor, empties {@code tables} (none: every event is then a redelivery over the rows it wrote),
     * forgets its token, starts it again and waits until it has read every event stored when it was stopped.
     */
    public static void replay(ApplicationContext service, String processorName, List<String> tables) {
        JdbcTemplate database = service.getBean(JdbcTemplate.class);
        TrackingEventProcessor processor = service.getBean(EventProcessingConfiguration.class)
                .eventProcessor(processorName, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        // The head of the store, not the processor's own position: that may be a batch behind when it stops.
        long head = database.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry",
                Long.class);
        tables.forEach(table -> database.update("delete from " + table));
        database.update("delete from token_entry where processor_name = ?", processorName);
        processor.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> position(database, processorName) >= head);
    }

    /**
     * The processor's position in the event store, also while its token says it replays; -1 before it has one.
     */
    private static long position(JdbcTemplate database, String processorName) {
        Long position = database.query("""
                        select coalesce(t ->> 'index', t -> 'currentToken' ->> 'index')::bigint
                        from (select convert_from(token, 'UTF8')::json as t from token_entry
                              where processor_name = ?) tokens""",
                rs -> rs.next() ? (Long) rs.getObject(1, Long.class) : null, processorName);
        return position == null ? -1 : position;
    }
}
