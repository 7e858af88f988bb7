package io.bourse.platform.operations;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code /actuator/sagas}: the open sagas of each type, the oldest, and those open longer than their type is expected
 * to live (at most a hundred listed per type); {@code /actuator/sagas/{sagaId}}: one saga's associations and state.
 */
@Endpoint(id = "sagas")
public class SagasEndpoint {

    private static final int LISTED = 100;

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Map<String, Duration> lifetimes;
    private final Duration defaultLifetime;
    private final Clock clock;

    public SagasEndpoint(JdbcTemplate jdbc, EventProcessingConfiguration processing, List<SagaLifetime> lifetimes,
                         Duration defaultLifetime, Clock clock) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.lifetimes = new TreeMap<>();
        lifetimes.forEach(lifetime -> this.lifetimes.put(lifetime.sagaType().getName(), lifetime.maxOpen()));
        this.defaultLifetime = defaultLifetime;
        this.clock = clock;
    }

    /** Every saga type this service runs, open or not, and any other type still found in the store. */
    @ReadOperation
    public Map<String, SagaType> sagas() {
        Map<String, SagaType> types = new TreeMap<>();
        Instant now = clock.instant();
        processing.sagaConfigurations().forEach(saga -> {
            String type = saga.type().getName();
            types.put(type, new SagaType(type, 0, null, lifetimes.getOrDefault(type, defaultLifetime).toString(),
                    List.of()));
        });
        jdbc.query("select saga_type, count(*) as open, min(started_at) as oldest from saga_entry group by saga_type",
                rs -> {
                    String type = rs.getString("saga_type");
                    Duration maxOpen = lifetimes.getOrDefault(type, defaultLifetime);
                    Instant oldest = rs.getObject("oldest", OffsetDateTime.class).toInstant();
                    types.put(type, new SagaType(type, rs.getLong("open"), oldest, maxOpen.toString(),
                            overdue(type, now.minus(maxOpen))));
                });
        return types;
    }

    private List<OpenSaga> overdue(String type, Instant startedBefore) {
        return jdbc.query("select saga_id, started_at from saga_entry where saga_type = ? and started_at < ?"
                        + " order by started_at limit ?",
                (rs, row) -> new OpenSaga(rs.getString("saga_id"),
                        rs.getObject("started_at", OffsetDateTime.class).toInstant()),
                type, OffsetDateTime.ofInstant(startedBefore, java.time.ZoneOffset.UTC), LISTED);
    }

    @ReadOperation
    public WebEndpointResponse<Saga> saga(@Selector String sagaId) {
        List<Saga> found = jdbc.query("select saga_id, saga_type, started_at, serialized_saga from saga_entry"
                        + " where saga_id = ?",
                (rs, row) -> new Saga(rs.getString("saga_id"), rs.getString("saga_type"),
                        rs.getObject("started_at", OffsetDateTime.class).toInstant(), new ArrayList<>(),
                        new String(rs.getBytes("serialized_saga"), StandardCharsets.UTF_8)),
                sagaId);
        if (found.isEmpty()) {
            return OperatorAnswer.notFound("open saga", sagaId);
        }
        Saga saga = found.get(0);
        jdbc.query("select association_key, association_value from association_value_entry where saga_id = ?"
                        + " order by association_key, association_value",
                rs -> {
                    saga.associations().add(new Association(rs.getString(1), rs.getString(2)));
                }, sagaId);
        return new WebEndpointResponse<>(saga);
    }

    /**
     * The open sagas of one type: how many, since when the oldest, how long one is expected to live, and the ones open
     * longer than that, oldest first.
     */
    public record SagaType(String type, long open, Instant oldestStartedAt, String maxOpen, List<OpenSaga> overdue) {
    }

    public record OpenSaga(String sagaId, Instant startedAt) {
    }

    /** One open saga: what it is associated with, and its state as stored (JSON). */
    public record Saga(String sagaId, String type, Instant startedAt, List<Association> associations, String state) {
    }

    public record Association(String key, String value) {
    }
}
