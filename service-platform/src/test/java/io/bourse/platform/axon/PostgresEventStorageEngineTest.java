package io.bourse.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

class PostgresEventStorageEngineTest {

    @Test
    void timestampsAreWrittenAsAxonWritesThem() {
        Random random = new Random(11);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)),
                    random.nextInt(1_000_000_000));
            assertThat(PostgresEventStorageEngine.formatTimestamp(instant))
                    .isEqualTo(DateTimeUtils.formatInstant(instant));
        }
        for (String edge : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "-0001-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "2024-02-29T12:00:00.000999Z", "2026-12-01T00:00:00.1Z")) {
            Instant instant = Instant.parse(edge);
            assertThat(PostgresEventStorageEngine.formatTimestamp(instant)).as(edge)
                    .isEqualTo(DateTimeUtils.formatInstant(instant));
            assertThat(DateTimeUtils.parseInstant(PostgresEventStorageEngine.formatTimestamp(instant))).as(edge)
                    .isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS));
        }
    }
}
