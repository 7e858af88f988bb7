package io.bourse.benchmarks.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** Server timestamps as the services write them: ISO-8601 text, or epoch seconds where a mapper is set so. */
final class Times {

    private Times() {
    }

    static Instant instant(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            BigDecimal seconds = value.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.subtract(new BigDecimal(seconds.longValue())).movePointRight(9).longValue());
        }
        String text = value.asText();
        return text.isBlank() ? null : Instant.parse(text);
    }

    static long micros(Duration duration) {
        return Math.max(1, duration.toNanos() / 1000);
    }

    static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
