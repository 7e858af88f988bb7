package io.bourse.platform.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How many events each processing group has parked, counted in the dead-letter table; the count of all groups is
 * kept for a second, for scrapes that ask for each group in turn.
 */
public class DeadLetterCounts {

    private static final Duration KEPT = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Counted counted = new Counted(Instant.MIN, Map.of());

    public DeadLetterCounts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Map<String, Long> lettersByGroup() {
        Counted known = counted;
        Instant now = clock.instant();
        if (known.at().plus(KEPT).isAfter(now)) {
            return known.letters();
        }
        Map<String, Long> letters = new HashMap<>();
        jdbc.query("select processing_group, count(*) from dead_letter_entry group by processing_group",
                rs -> {
                    letters.put(rs.getString(1), rs.getLong(2));
                });
        counted = new Counted(now, Map.copyOf(letters));
        return letters;
    }

    /** One group's parked events now, not as remembered. */
    public long letters(String group) {
        Long letters = jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ?",
                Long.class, group);
        return letters == null ? 0 : letters;
    }

    private record Counted(Instant at, Map<String, Long> letters) {
    }
}
