package io.bourse.benchmarks.flow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step cost the machine: CPU seconds per process, PostgreSQL commits and Kafka records, read before and
 * after the step and divided by its orders. Whatever cannot be read here (a stack on another machine) is left out.
 */
final class CostMeter {

    record Sample(long nanos, Map<String, Double> cpu, PostgresProbe.Counters postgres, KafkaProbe.Offsets kafka) {
    }

    /**
     * Per order: milliseconds of CPU by process, and the sum over the stack (the benchmark's own apart), commits,
     * write transactions and Kafka records. Rates are per second of the measured window.
     */
    record Cost(double windowSeconds, long orders, Map<String, Double> cpuSeconds, Map<String, Double> cpuMsPerOrder,
                double stackCpuMsPerOrder, double stackCpuCores, Double commitsPerOrder,
                Double writeTransactionsPerOrder, Double commitsPerSecond, Double writeTransactionsPerSecond,
                Double kafkaRecordsPerOrder, Double kafkaInternalRecordsPerOrder) {
    }

    private final ProcessCpu cpu;
    private final PostgresProbe postgres;
    private final KafkaProbe kafka;
    private final List<String> notes;

    CostMeter(ProcessCpu cpu, PostgresProbe postgres, KafkaProbe kafka, List<String> notes) {
        this.cpu = cpu;
        this.postgres = postgres;
        this.kafka = kafka;
        this.notes = notes;
    }

    Sample sample() {
        PostgresProbe.Counters counters = null;
        KafkaProbe.Offsets offsets = null;
        if (postgres != null) {
            try {
                counters = postgres.counters();
            } catch (Exception e) {
                notes.add("PostgreSQL counters could not be read: " + e.getMessage());
            }
        }
        if (kafka != null) {
            try {
                offsets = kafka.offsets();
            } catch (Exception e) {
                notes.add("Kafka offsets could not be read: " + e.getMessage());
            }
        }
        return new Sample(System.nanoTime(), cpu.sample(), counters, offsets);
    }

    static Cost between(Sample before, Sample after, long orders) {
        double window = (after.nanos() - before.nanos()) / 1e9;
        double perOrder = Math.max(1, orders);
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, Double> msPerOrder = new LinkedHashMap<>();
        double stack = 0;
        for (Map.Entry<String, Double> entry : after.cpu().entrySet()) {
            Double start = before.cpu().get(entry.getKey());
            if (start == null) {
                continue;
            }
            double used = entry.getValue() - start;
            seconds.put(entry.getKey(), used);
            msPerOrder.put(entry.getKey(), used * 1000 / perOrder);
            if (!entry.getKey().equals(ProcessCpu.SELF)) {
                stack += used;
            }
        }
        PostgresProbe.Counters commits = before.postgres() != null && after.postgres() != null
                ? after.postgres().minus(before.postgres()) : null;
        KafkaProbe.Offsets records = before.kafka() != null && after.kafka() != null
                ? after.kafka().minus(before.kafka()) : null;
        return new Cost(window, orders, seconds, msPerOrder, stack * 1000 / perOrder, window > 0 ? stack / window : 0,
                commits == null ? null : commits.commits() / perOrder,
                commits == null ? null : commits.writeTransactions() / perOrder,
                commits == null || window <= 0 ? null : commits.commits() / window,
                commits == null || window <= 0 ? null : commits.writeTransactions() / window,
                records == null ? null : records.application() / perOrder,
                records == null ? null : records.internal() / perOrder);
    }

    /** Idle cost per second, to tell the stack's background work from the work an order causes. */
    static Map<String, Double> idlePerSecond(Sample before, Sample after) {
        double window = Math.max(1e-9, (after.nanos() - before.nanos()) / 1e9);
        Map<String, Double> idle = new LinkedHashMap<>();
        after.cpu().forEach((name, value) -> {
            Double start = before.cpu().get(name);
            if (start != null) {
                idle.put("cpuSecondsPerSecond." + name, (value - start) / window);
            }
        });
        if (before.postgres() != null && after.postgres() != null) {
            PostgresProbe.Counters delta = after.postgres().minus(before.postgres());
            idle.put("commitsPerSecond", delta.commits() / window);
            idle.put("writeTransactionsPerSecond", delta.writeTransactions() / window);
        }
        if (before.kafka() != null && after.kafka() != null) {
            KafkaProbe.Offsets delta = after.kafka().minus(before.kafka());
            idle.put("kafkaRecordsPerSecond", delta.application() / window);
            idle.put("kafkaInternalRecordsPerSecond", delta.internal() / window);
        }
        return idle;
    }

    static Duration statisticsDelay() {
        // PostgreSQL backends publish their counters at most once a second.
        return Duration.ofMillis(1100);
    }
}
