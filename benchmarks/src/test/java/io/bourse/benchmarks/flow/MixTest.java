package io.bourse.benchmarks.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MixTest {

    @Test
    void readsEveryKindWithItsShare() {
        Mix mix = Mix.parse("cross:70, rest:20,Cancel:5,market:5");

        assertThat(mix.share(Kind.CROSS)).isEqualTo(70);
        assertThat(mix.share(Kind.REST)).isEqualTo(20);
        assertThat(mix.share(Kind.CANCEL)).isEqualTo(5);
        assertThat(mix.share(Kind.MARKET)).isEqualTo(5);
        assertThat(mix.fraction(Kind.CROSS)).isCloseTo(0.70, within(1e-9));
        assertThat(mix).hasToString("cross:70,rest:20,cancel:5,market:5");
    }

    @Test
    void theDefaultMixIsAllCrossingPairs() {
        Mix mix = Mix.parse("cross:100");

        for (double u = 0; u < 1; u += 0.01) {
            assertThat(mix.pick(u)).isEqualTo(Kind.CROSS);
        }
    }

    @Test
    void sharesHoldForRequestsNotForUnits() {
        // A pair is two requests, so half the units must be pairs for two thirds of the requests to be.
        Mix mix = Mix.parse("cross:2,rest:1");
        Random random = new Random(7);
        Map<Kind, Integer> requests = new EnumMap<>(Kind.class);
        for (int i = 0; i < 100_000; i++) {
            Kind kind = mix.pick(random.nextDouble());
            requests.merge(kind, kind.requests, Integer::sum);
        }
        double total = requests.values().stream().mapToInt(Integer::intValue).sum();

        assertThat(requests.get(Kind.CROSS) / total).isCloseTo(2 / 3.0, within(0.01));
    }

    @Test
    void aZeroShareIsNeverDrawn() {
        Mix mix = Mix.parse("cross:1,market:0");

        assertThat(mix.pick(0.999999)).isEqualTo(Kind.CROSS);
        assertThat(mix).hasToString("cross:1");
    }

    @Test
    void refusesWhatIsNotAMix() {
        assertThatThrownBy(() -> Mix.parse("swap:10")).hasMessageContaining("unknown kind").hasMessageContaining("cross");
        assertThatThrownBy(() -> Mix.parse("cross:-1")).hasMessageContaining("zero or more");
        assertThatThrownBy(() -> Mix.parse("cross:ten")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Mix.parse("cross:1,cross:2")).hasMessageContaining("twice");
        assertThatThrownBy(() -> Mix.parse("cross")).hasMessageContaining("kind:share");
        assertThatThrownBy(() -> Mix.parse("cross:0,rest:0")).hasMessageContaining("positive share");
        assertThatThrownBy(() -> Mix.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
