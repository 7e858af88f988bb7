package io.bourse.benchmarks.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    private static final String TAIL = " 20 0 1 0 66830 3133440 355 18446744073709551615 0 0 0 0 0 0 0 0 0 0";

    @Test
    void readsTheTimesAfterTheCommandName() {
        ProcStat stat = ProcStat.parse("6787 (java) S 6780 6780 2465 0 -1 4194304 98 0 0 0 1234 567 89 10" + TAIL);

        assertThat(stat.pid()).isEqualTo(6787);
        assertThat(stat.comm()).isEqualTo("java");
        assertThat(stat.state()).isEqualTo('S');
        assertThat(stat.ppid()).isEqualTo(6780);
        assertThat(stat.utime()).isEqualTo(1234);
        assertThat(stat.stime()).isEqualTo(567);
        assertThat(stat.cutime()).isEqualTo(89);
        assertThat(stat.cstime()).isEqualTo(10);
        assertThat(stat.startTime()).isEqualTo(66830);
        assertThat(stat.ownTicks()).isEqualTo(1801);
        assertThat(stat.ticksWithReapedChildren()).isEqualTo(1900);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        ProcStat stat = ProcStat.parse("42 (postgres: wal (writer) ) R 7 7 7 0 -1 0 0 0 0 0 11 22 33 44" + TAIL);

        assertThat(stat.comm()).isEqualTo("postgres: wal (writer) ");
        assertThat(stat.state()).isEqualTo('R');
        assertThat(stat.ppid()).isEqualTo(7);
        assertThat(stat.utime()).isEqualTo(11);
        assertThat(stat.stime()).isEqualTo(22);
        assertThat(stat.cutime()).isEqualTo(33);
        assertThat(stat.cstime()).isEqualTo(44);
    }

    @Test
    void refusesALineThatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcStat.parse("no parentheses here")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parse("1 (short) S 0 1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsThisProcessesOwnLine() throws Exception {
        Path self = Path.of("/proc/self/stat");
        assumeThat(Files.exists(self)).isTrue();

        ProcStat stat = ProcStat.parse(Files.readString(self));

        assertThat(stat.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(stat.ppid()).isPositive();
    }
}
