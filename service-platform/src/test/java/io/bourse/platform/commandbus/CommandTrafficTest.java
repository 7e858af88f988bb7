package io.bourse.platform.commandbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an operator reads per destination: sent both ways, how they were answered, and what waits now. */
class CommandTrafficTest {

    @Test
    void countsEachDestinationApartWithWhatWaitsNow() {
        CommandTraffic traffic = new CommandTraffic();
        traffic.sent("portfolio", true);
        traffic.sent("portfolio", true);
        traffic.sent("portfolio", true);
        traffic.sent("portfolio", false);
        traffic.sent("settlement", true);
        traffic.answered("portfolio", CommandTraffic.Outcome.SUCCEEDED);
        traffic.answered("portfolio", CommandTraffic.Outcome.TIMED_OUT);
        traffic.answered("settlement", CommandTraffic.Outcome.FAILED);

        Map<String, CommandTraffic.Destination> now = traffic.snapshot(Map.of("portfolio", 1L),
                Map.of("portfolio", Duration.ofMillis(250)));

        assertThat(now.get("portfolio")).isEqualTo(new CommandTraffic.Destination(3, 1, 1, 0, 1, 1, 250));
        assertThat(now.get("settlement")).isEqualTo(new CommandTraffic.Destination(1, 0, 0, 1, 0, 0, 0));
        assertThat(now.keySet()).containsExactly("portfolio", "settlement");
    }
}
