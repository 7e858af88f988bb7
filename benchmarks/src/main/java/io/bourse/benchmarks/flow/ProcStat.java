package io.bourse.benchmarks.flow;

/**
 * The fields of a /proc/PID/stat line that the benchmark reads. Times are in clock ticks. The command name sits in
 * parentheses and may itself hold spaces and parentheses, so the fields are counted from the last ')'.
 */
record ProcStat(long pid, String comm, char state, long ppid, long utime, long stime, long cutime, long cstime,
                long startTime) {

    // Positions after the command name: state is field 3 of proc(5), so field n is at n - 3.
    private static final int STATE = 0;
    private static final int PPID = 1;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int CUTIME = 13;
    private static final int CSTIME = 14;
    private static final int START_TIME = 19;

    static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        String[] fields = line.substring(close + 1).trim().split("\\s+");
        if (fields.length <= START_TIME) {
            throw new IllegalArgumentException("a /proc stat line too short: " + line);
        }
        return new ProcStat(pid, line.substring(open + 1, close), fields[STATE].charAt(0),
                Long.parseLong(fields[PPID]), Long.parseLong(fields[UTIME]), Long.parseLong(fields[STIME]),
                Long.parseLong(fields[CUTIME]), Long.parseLong(fields[CSTIME]), Long.parseLong(fields[START_TIME]));
    }

    long ownTicks() {
        return utime + stime;
    }

    /** Its own time and that of its children it has waited for, which includes those that have finished. */
    long ticksWithReapedChildren() {
        return utime + stime + cutime + cstime;
    }
}
