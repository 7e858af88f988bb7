package io.bourse.benchmarks.flow;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's --name=value arguments, each with a default that measures the local stack. */
record Options(URI order, URI portfolio, URI settlement, URI issuer, int symbols, int accounts, int traders,
               long quantity, double rate,
               List<Double> ramp, Duration duration, Duration warmup, Mix mix, long seed, Duration drainTimeout,
               Duration sustainDrain, double p99BoundMs, Map<String, Long> pids, String jdbc, String jdbcUser,
               String jdbcPassword, String kafka, boolean ceiling, Duration ceilingTime, int ceilingRecords,
               Path out, Duration requestTimeout, int httpThreads, int streamSubscribers, Map<String, String> given) {

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("order", "http://127.0.0.1:8081");
        defaults.put("portfolio", "http://127.0.0.1:8082");
        defaults.put("settlement", "http://127.0.0.1:8083");
        defaults.put("issuer", "http://127.0.0.1:9000");
        defaults.put("symbols", "4");
        defaults.put("accounts", "50");
        // Two accounts each: at 1,000 req/s a trader sends 40 writes/s, well under the default 100/s per caller.
        defaults.put("traders", "25");
        defaults.put("quantity", "10");
        defaults.put("rate", "100");
        defaults.put("ramp", "");
        defaults.put("duration", "20");
        defaults.put("warmup", "5");
        defaults.put("mix", "cross:100");
        defaults.put("seed", "1");
        defaults.put("drain-timeout", "120");
        defaults.put("sustain-drain", "2");
        defaults.put("p99-bound-ms", "20");
        defaults.put("pids", "");
        defaults.put("jdbc", "jdbc:postgresql://127.0.0.1:15432/postgres");
        defaults.put("jdbc-user", "postgres");
        defaults.put("jdbc-password", "");
        defaults.put("kafka", "127.0.0.1:19092");
        defaults.put("ceiling", "true");
        defaults.put("ceiling-seconds", "3");
        defaults.put("ceiling-records", "200000");
        defaults.put("out", "");
        defaults.put("request-timeout", "30");
        defaults.put("http-threads", "16");
        defaults.put("stream-subscribers", "0");
        return defaults;
    }

    static String usage() {
        return """
                FlowBenchmark: open-loop load on a running Bourse, from order intake to settlement.
                  --order=URL --portfolio=URL --settlement=URL   the three services (default: the local stack)
                  --issuer=http://127.0.0.1:9000                  where the tokens come from (client_credentials)
                  --symbols=4 --accounts=50 --quantity=10         fresh instruments and funded accounts
                  --traders=25                                    trader clients bench0.. that open and trade the
                                                                  accounts (at most one per account); the issuer
                                                                  must know them and admin, secret <id>-secret
                  --rate=100 | --ramp=100,200,400                 requests per second: one step, or one per rate
                  --duration=20 --warmup=5                        seconds per step; unmeasured seconds before them
                  --mix=cross:100                                 shares of cross, rest, cancel, market
                  --seed=1                                        the workload's choices
                  --drain-timeout=120 --sustain-drain=2 --p99-bound-ms=20
                  --pids=name:pid,...                             processes to charge CPU to (found in /proc otherwise)
                  --jdbc=URL --jdbc-user=postgres --jdbc-password= the stack's PostgreSQL ('none' to skip)
                  --kafka=host:port                               the stack's Kafka ('none' to skip)
                  --ceiling=true --ceiling-seconds=3 --ceiling-records=200000
                  --out=benchmarks/results/flow-<time>.json       the JSON report; the chart goes beside it
                  --request-timeout=30 --http-threads=16
                  --stream-subscribers=0                          clients that watch the streams through the run,
                                                                  half the tape and half the books of the symbols
                """;
    }

    static Options parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            String name = arg.substring(2, equals);
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; the options are --"
                        + String.join(", --", DEFAULTS.keySet()));
            }
            given.put(name, arg.substring(equals + 1));
        }
        Map<String, String> value = new LinkedHashMap<>(DEFAULTS);
        value.putAll(given);
        String out = value.get("out").isBlank()
                ? "benchmarks/results/flow-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".json"
                : value.get("out");
        Options options = new Options(uri(value, "order"), uri(value, "portfolio"), uri(value, "settlement"),
                uri(value, "issuer"), positive(value, "symbols"), positive(value, "accounts"),
                positive(value, "traders"), positive(value, "quantity"),
                positiveDecimal(value, "rate"), rates(value.get("ramp")), seconds(value, "duration", false),
                seconds(value, "warmup", true), Mix.parse(value.get("mix")), integer(value, "seed"),
                seconds(value, "drain-timeout", false), seconds(value, "sustain-drain", true),
                positiveDecimal(value, "p99-bound-ms"), pids(value.get("pids")), value.get("jdbc"),
                value.get("jdbc-user"), value.get("jdbc-password"), value.get("kafka"),
                bool(value, "ceiling"), seconds(value, "ceiling-seconds", false), positive(value, "ceiling-records"),
                Path.of(out), seconds(value, "request-timeout", false), positive(value, "http-threads"),
                (int) integer(value, "stream-subscribers"), Map.copyOf(given));
        if (options.accounts < 2) {
            throw new IllegalArgumentException("--accounts must be at least 2: every trade has a buyer and a seller");
        }
        return options;
    }

    /** The offered rates, one step each. */
    List<Double> steps() {
        return ramp.isEmpty() ? List.of(rate) : ramp;
    }

    boolean usesPostgres() {
        return !jdbc.isBlank() && !jdbc.equals("none");
    }

    boolean usesKafka() {
        return !kafka.isBlank() && !kafka.equals("none");
    }

    /** Every option as it took effect, for the report. */
    Map<String, String> effective() {
        Map<String, String> effective = new LinkedHashMap<>(DEFAULTS);
        effective.putAll(given);
        effective.put("out", out.toString());
        effective.remove("jdbc-password");
        return effective;
    }

    private static URI uri(Map<String, String> value, String name) {
        String text = value.get(name);
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    private static long integer(Map<String, String> value, String name) {
        try {
            return Long.parseLong(value.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + value.get(name));
        }
    }

    private static int positive(Map<String, String> value, String name) {
        long number = integer(value, name);
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + name + " must be a positive whole number");
        }
        return (int) number;
    }

    private static double positiveDecimal(Map<String, String> value, String name) {
        double number = decimal(name, value.get(name));
        if (number <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return number;
    }

    private static double decimal(String name, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got " + text);
        }
    }

    private static Duration seconds(Map<String, String> value, String name, boolean zeroAllowed) {
        double seconds = decimal(name, value.get(name));
        if (seconds < 0 || (!zeroAllowed && seconds == 0)) {
            throw new IllegalArgumentException("--" + name + " must be " + (zeroAllowed ? "zero or more" : "positive")
                    + " seconds");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static boolean bool(Map<String, String> value, String name) {
        String text = value.get(name).trim();
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("--" + name + " is true or false, got " + text);
        }
        return Boolean.parseBoolean(text);
    }

    private static List<Double> rates(String text) {
        List<Double> rates = new ArrayList<>();
        if (text.isBlank()) {
            return rates;
        }
        for (String part : text.split(",")) {
            double rate = decimal("ramp", part);
            if (rate <= 0) {
                throw new IllegalArgumentException("every --ramp rate must be positive");
            }
            rates.add(rate);
        }
        return List.copyOf(rates);
    }

    private static Map<String, Long> pids(String text) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (text.isBlank()) {
            return pids;
        }
        for (String part : text.split(",")) {
            String[] pair = part.split(":");
            if (pair.length != 2) {
                throw new IllegalArgumentException("--pids is name:pid,...; got " + part);
            }
            try {
                pids.put(pair[0].trim(), Long.parseLong(pair[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--pids: " + pair[1] + " is not a process id");
            }
        }
        return Map.copyOf(pids);
    }

    @Override
    public String toString() {
        return Arrays.toString(effective().entrySet().toArray());
    }
}
