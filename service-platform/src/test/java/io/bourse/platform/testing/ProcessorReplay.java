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
     * forgets its token, starts it again and waits until it is back at the position it had.
     */
    public static void replay(ApplicationContext service, String processorName, List<String> tables) {
        JdbcTemplate database = service.getBean(JdbcTemplate.class);
        TrackingEventProcessor processor = service.getBean(EventProcessingConfiguration.class)
                .eventProcessor(processorName, TrackingEventProcessor.class).orElseThrow();
        String caughtUp = position(database, processorName);
        processor.shutDown();
        tables.forEach(table -> database.update("delete from " + table));
        database.update("delete from token_entry where processor_name = ?", processorName);
        processor.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> caughtUp.equals(position(database, processorName)));
    }

    /**
     * The processor's position in the event store, also while its token says it replays; the gaps a token records
     * may differ between two readings.
     */
    private static String position(JdbcTemplate database, String processorName) {
        return database.query("""
                        select coalesce(t ->> 'index', t -> 'currentToken' ->> 'index')
                        from (select convert_from(token, 'UTF8')::json as t from token_entry
                              where processor_name = ?) tokens""",
                rs -> rs.next() ? rs.getString(1) : "", processorName);
    }
}
