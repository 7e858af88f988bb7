package io.bourse.benchmarks.flow;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU time of the processes that make up the stack, read from /proc: the three service JVMs, PostgreSQL (the
 * postmaster with every backend), Kafka, and this benchmark itself. A stack on another machine has none of them
 * here, and then there is nothing to charge.
 */
final class ProcessCpu {

    static final String SELF = "benchmark";
    static final String POSTGRES = "postgresql";
    static final String KAFKA = "kafka";
    static final String LAUNCHER = "kafka+launcher";

    /** One watched process; a PostgreSQL postmaster stands for its whole family. */
    record Watched(String name, long pid, boolean postmaster, String how) {
    }

    private static final Path PROC = Path.of("/proc");
    private final List<Watched> watched;
    private final double ticksPerSecond;

    private ProcessCpu(List<Watched> watched, double ticksPerSecond) {
        this.watched = List.copyOf(watched);
        this.ticksPerSecond = ticksPerSecond;
    }

    List<Watched> watched() {
        return watched;
    }

    static ProcessCpu find(Options options, List<String> notes) {
        double ticks = clockTicks();
        if (!Files.isDirectory(PROC)) {
            notes.add("no /proc here: CPU per order is not measured");
            return new ProcessCpu(List.of(), ticks);
        }
        List<Proc> table = table();
        Map<String, Watched> found = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        for (Map.Entry<String, URI> service : List.of(Map.entry("order-service", options.order()),
                Map.entry("portfolio-service", options.portfolio()),
                Map.entry("settlement-service", options.settlement()))) {
            if (isLocal(service.getValue().getHost())) {
                service(table, service.getKey(), service.getValue(), notes).ifPresent(w -> found.put(w.name(), w));
            }
        }
        if (options.usesPostgres() && isLocal(host(options.jdbc()))) {
            postmaster(table, jdbcPort(options.jdbc()), notes).ifPresent(w -> found.put(w.name(), w));
        }
        if (options.usesKafka() && isLocal(options.kafka().split(",")[0].replaceAll(":\\d+$", ""))) {
            int kafkaPort = kafkaPort(options.kafka());
            choose(table.stream().filter(p -> p.args().contains("kafka.Kafka")).toList(), kafkaPort, KAFKA,
                    "a kafka.Kafka process", notes).ifPresent(w -> found.put(w.name(), w));
            // The local stack runs its broker inside the launcher JVM, so that JVM's time is Kafka's time.
            choose(table.stream().filter(p -> p.isJava() && p.args().contains("local-stack")).toList(), kafkaPort,
                    LAUNCHER, "the local-stack launcher JVM, which runs the Kafka broker", notes)
                    .ifPresent(w -> found.put(w.name(), w));
        }
        found.put(SELF, new Watched(SELF, self, false, "this JVM"));
        for (Map.Entry<String, Long> given : options.pids().entrySet()) {
            boolean postmaster = given.getKey().toLowerCase().startsWith("postgres");
            String name = postmaster ? POSTGRES : given.getKey();
            found.put(name, new Watched(name, given.getValue(), postmaster, "--pids"));
        }
        for (String expected : List.of("order-service", "portfolio-service", "settlement-service", POSTGRES)) {
            if (!found.containsKey(expected)) {
                notes.add("no " + expected + " process found here: its CPU is not counted (give --pids=name:pid)");
            }
        }
        return new ProcessCpu(new ArrayList<>(found.values()), ticks);
    }

    /** CPU seconds per watched name so far. */
    Map<String, Double> sample() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<Proc> table = null;
        for (Watched process : watched) {
            Optional<ProcStat> stat = stat(process.pid());
            if (stat.isEmpty()) {
                continue;
            }
            long ticks;
            if (process.postmaster()) {
                if (table == null) {
                    table = table();
                }
                // Live backends count for themselves; the finished ones were added to the postmaster's children.
                ticks = stat.get().ticksWithReapedChildren();
                for (Proc proc : table) {
                    if (proc.stat().ppid() == process.pid()) {
                        ticks += proc.stat().ownTicks();
                    }
                }
            } else {
                ticks = stat.get().ownTicks();
            }
            seconds.put(process.name(), ticks / ticksPerSecond);
        }
        return seconds;
    }

    private record Proc(ProcStat stat, List<String> argv, String exe) {

        String args() {
            return String.join(" ", argv);
        }

        boolean isJava() {
            return !argv.isEmpty() && Path.of(argv.get(0)).getFileName().toString().startsWith("java");
        }

        boolean isPostgres() {
            return exe.equals("postgres") || (exe.isEmpty() && stat.comm().equals("postgres"));
        }
    }

    private static Optional<Watched> service(List<Proc> table, String service, URI url, List<String> notes) {
        Pattern jar = Pattern.compile("(^|/)" + Pattern.quote(service) + "[^/ ]*\\.jar$");
        List<Proc> candidates = table.stream()
                .filter(p -> p.isJava() && p.argv().stream().anyMatch(arg -> jar.matcher(arg).find()))
                .toList();
        int port = url.getPort() > 0 ? url.getPort() : 80;
        List<Proc> onPort = candidates.stream().filter(p -> p.argv().contains("--server.port=" + port)).toList();
        return choose(onPort.size() == 1 ? onPort : candidates, port, service, "a JVM running " + service + "*.jar",
                notes);
    }

    private static Optional<Watched> postmaster(List<Proc> table, int port, List<String> notes) {
        Set<Long> postgres = new HashSet<>();
        table.stream().filter(Proc::isPostgres).forEach(p -> postgres.add(p.stat().pid()));
        List<Proc> postmasters = table.stream()
                .filter(p -> p.isPostgres() && !postgres.contains(p.stat().ppid()))
                .toList();
        return choose(postmasters, port, POSTGRES, "the postgres postmaster, with all its backends", notes)
                .map(w -> new Watched(w.name(), w.pid(), true, w.how()));
    }

    // Several candidates (another stack on the same machine): the one that listens on the port is ours. A single
    // candidate is taken unless another process is seen listening there.
    private static Optional<Watched> choose(List<Proc> candidates, int port, String name, String how,
                                            List<String> notes) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Set<String> sockets = ListeningSockets.inodes(port);
        for (Proc candidate : candidates) {
            if (ListeningSockets.holdsAny(candidate.stat().pid(), sockets)) {
                return Optional.of(new Watched(name, candidate.stat().pid(), false, how + ", listening on " + port));
            }
        }
        if (candidates.size() == 1 && sockets.isEmpty()) {
            return Optional.of(new Watched(name, candidates.get(0).stat().pid(), false, how));
        }
        notes.add(candidates.size() + " candidate(s) for " + name + " but none listens on port " + port
                + ": not counted (give --pids=" + name + ":PID)");
        return Optional.empty();
    }

    private static List<Proc> table() {
        List<Proc> table = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    ProcStat stat = ProcStat.parse(Files.readString(entry.resolve("stat")));
                    byte[] raw = Files.readAllBytes(entry.resolve("cmdline"));
                    List<String> argv = new ArrayList<>();
                    for (String arg : new String(raw, StandardCharsets.UTF_8).split("\0")) {
                        if (!arg.isEmpty()) {
                            argv.add(arg);
                        }
                    }
                    table.add(new Proc(stat, argv, executable(entry)));
                } catch (IOException | RuntimeException gone) {
                    // The process ended while the table was read, or is not ours to read.
                }
            }
        } catch (IOException e) {
            return table;
        }
        return table;
    }

    private static String executable(Path entry) {
        try {
            return Files.readSymbolicLink(entry.resolve("exe")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static Optional<ProcStat> stat(long pid) {
        try {
            return Optional.of(ProcStat.parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() == 0) {
                return Double.parseDouble(out);
            }
        } catch (IOException | NumberFormatException e) {
            // Linux reports times in USER_HZ, which is 100 on every common architecture.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    private static boolean isLocal(String host) {
        if (host == null || host.isBlank()) {
            return true;
        }
        try {
            InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String host(String jdbc) {
        Matcher matcher = Pattern.compile("//([^/:]+)").matcher(jdbc);
        return matcher.find() ? matcher.group(1) : "";
    }

    static int jdbcPort(String jdbc) {
        Matcher matcher = Pattern.compile("//[^/:]+:(\\d+)").matcher(jdbc);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 5432;
    }

    static int kafkaPort(String bootstrap) {
        String first = bootstrap.split(",")[0];
        int colon = first.lastIndexOf(':');
        try {
            return colon < 0 ? 9092 : Integer.parseInt(first.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 9092;
        }
    }
}
