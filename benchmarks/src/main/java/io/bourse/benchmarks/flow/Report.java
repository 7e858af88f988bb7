package io.bourse.benchmarks.flow;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable summary on the console. */
final class Report {

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void header(Options options, Machine machine) {
        out.println("Bourse flow benchmark");
        out.printf("  target   order %s  portfolio %s  settlement %s  issuer %s%n", options.order(),
                options.portfolio(), options.settlement(), options.issuer());
        out.printf("  load     %s req/s, %.0f s per step after %.0f s warmup; mix %s; %d symbols, %d accounts of %d"
                        + " traders, quantity %d, seed %d%n",
                options.steps().stream().map(Report::rate).collect(Collectors.joining(",")),
                options.duration().toNanos() / 1e9, options.warmup().toNanos() / 1e9, options.mix(), options.symbols(),
                options.accounts(), Setup.traders(options), options.quantity(), options.seed());
        out.printf("  machine  %d CPUs (%s), %d MB, Java %s, open files %s%n", machine.processors(),
                machine.cpuModel(), machine.memoryMb(), machine.javaVersion(), machine.openFilesLimit());
    }

    void processes(List<ProcessCpu.Watched> watched) {
        out.println("CPU is charged to: " + (watched.isEmpty() ? "nothing (no processes found)"
                : watched.stream().map(w -> w.name() + " (pid " + w.pid() + ")").collect(Collectors.joining(", "))));
    }

    void ceiling(Ceiling ceiling) {
        if (ceiling == null) {
            return;
        }
        out.println("Hardware ceiling (raw, same servers):");
        if (ceiling.postgresSettings() != null) {
            PostgresProbe.Settings settings = ceiling.postgresSettings();
            out.printf("  PostgreSQL %s, fsync=%s synchronous_commit=%s full_page_writes=%s%n", settings.version(),
                    settings.fsync(), settings.synchronousCommit(), settings.fullPageWrites());
        }
        for (PostgresProbe.CommitCeiling commits : ceiling.commits()) {
            out.printf("  single-row INSERT+COMMIT, %2d client%s: %8.0f commits/s (p50 %s ms, p99 %s ms)%n",
                    commits.clients(), commits.clients() == 1 ? " " : "s", commits.perSecond(),
                    Percentiles.f(commits.p50Ms()), Percentiles.f(commits.p99Ms()));
        }
        if (ceiling.kafka() != null) {
            KafkaProbe.ProduceCeiling kafka = ceiling.kafka();
            out.printf("  Kafka %d-byte records, acks=all, 1 partition: %.0f produced/s, %.0f produced→consumed/s"
                    + " (%d records in %.1f s)%n", kafka.recordBytes(), kafka.producedPerSecond(),
                    kafka.consumedPerSecond(), kafka.records(), kafka.seconds());
        }
    }

    void warmup(RunResult.Warmup warmup) {
        out.printf("Warmup at %s req/s for %.0f s: %d accepted, flow %s (drain %.2f s); not counted%n",
                rate(warmup.rate()), warmup.seconds(), warmup.accepted(),
                warmup.finished() ? "finished" : "did NOT finish", warmup.drainSeconds());
    }

    void step(StepResult step, int of) {
        out.println();
        out.printf("Step %d/%d: offered %s req/s for %.0f s (%d requests: %d orders, %d cancels, %d cancels skipped)%n",
                step.step(), of, rate(step.offeredRate()), step.durationSeconds(), step.requests(), step.placed(),
                step.cancels(), step.cancelSkipped());
        ErrorCounts.Summary errors = step.errors();
        out.printf("  intake        %8.1f req/s accepted; failed %d (by status %s; shed 429/503 %d, %d with"
                        + " Retry-After; connection %d; timeout %d)%n", step.intakeRate(), errors.total(),
                errors.byStatus().isEmpty() ? "none" : errors.byStatus(), errors.shed(), errors.shedWithRetryAfter(),
                errors.connection(), errors.timeout());
        out.printf("  settled       %8.1f orders/s (%d trades settled, %d failed, %d pending, %d not found)%n",
                step.settledOrdersPerSecond(), step.settled(), step.settlementsFailed(), step.settlementsPending(),
                step.tradesMissing());
        out.printf("  POST answer       %s   [client, from due time]%n", step.postAnswer());
        if (step.cancelAnswer().count() > 0) {
            out.printf("  DELETE answer     %s   [client, from due time]%n", step.cancelAnswer());
        }
        out.printf("  POST → status     %s   [server createdAt → updatedAt]%n", step.placedToStatus());
        out.printf("  trade → SETTLED   %s   [server executedAt → settledAt]%n", step.tradeToSettled());
        out.printf("  drain         %s after the last request [server clocks; seen by polling after %.2f s]%n",
                step.finished() ? String.format("%.2f s", step.drainSeconds())
                        : String.format("NOT finished within the timeout (%d orders pending)", step.pending()),
                step.observedDrainSeconds());
        out.printf("  outcomes      %s%s%n", step.outcomes(), step.orphaned() > 0
                ? String.format("; %d left resting for a lost counterpart", step.orphaned()) : "");
        if (step.maxPacerLagMs() > 5) {
            out.printf("  note          the pacer ran up to %.1f ms late (this client was short of CPU);"
                    + " latencies count from the due time regardless%n", step.maxPacerLagMs());
        }
        CostMeter.Cost cost = step.cost();
        if (cost != null) {
            String perProcess = cost.cpuMsPerOrder().entrySet().stream()
                    .filter(e -> !e.getKey().equals(ProcessCpu.SELF))
                    .map(e -> e.getKey() + " " + Percentiles.f(e.getValue()))
                    .collect(Collectors.joining(", "));
            out.printf("  CPU per order %s ms = %s ms for the stack (%.2f cores over %.1f s); benchmark %s ms%s%n",
                    perProcess.isEmpty() ? "(no processes)" : perProcess, Percentiles.f(cost.stackCpuMsPerOrder()),
                    cost.stackCpuCores(), cost.windowSeconds(),
                    Percentiles.f(cost.cpuMsPerOrder().getOrDefault(ProcessCpu.SELF, 0.0)),
                    step.finished() ? "" : " [the window includes the whole drain timeout: an upper bound]");
            out.printf("  per order     %s commits (%s write transactions), %s Kafka records (+%s internal)%n",
                    number(cost.commitsPerOrder()), number(cost.writeTransactionsPerOrder()),
                    number(cost.kafkaRecordsPerOrder()), number(cost.kafkaInternalRecordsPerOrder()));
        }
        out.printf("  verdict       %s%s%n", step.outcome(),
                step.reasons().isEmpty() ? "" : ": " + String.join("; ", step.reasons()));
    }

    void summary(List<StepResult> steps, RunResult.Summary summary, Ceiling ceiling) {
        out.println();
        out.println("Summary (POST answer: client from due time; the rest: server timestamps)");
        out.printf("  %7s  %8s  %7s  %15s  %11s  %23s  %7s  %6s  %4s  %12s  %13s  %s%n", "offered", "accepted",
                "settled", "POST p50/p99 ms", "→status p99", "trade→SETTLED p50/p99", "drain s", "failed", "shed",
                "CPU ms/order", "commits/order", "verdict");
        for (StepResult step : steps) {
            CostMeter.Cost cost = step.cost();
            out.printf("  %7s  %8.1f  %7.1f  %6s / %-6s  %11s  %11s / %-9s  %7s  %6d  %4d  %12s  %13s  %s%n",
                    rate(step.offeredRate()), step.intakeRate(), step.settledOrdersPerSecond(),
                    Percentiles.f(step.postAnswer().p50()), Percentiles.f(step.postAnswer().p99()),
                    Percentiles.f(step.placedToStatus().p99()), Percentiles.f(step.tradeToSettled().p50()),
                    Percentiles.f(step.tradeToSettled().p99()),
                    step.finished() ? String.format("%.2f", step.drainSeconds()) : ">timeout", step.errors().total(),
                    step.errors().shed(), cost == null ? "-" : Percentiles.f(cost.stackCpuMsPerOrder()),
                    cost == null ? "-" : number(cost.commitsPerOrder()), step.outcome());
        }
        if (summary.highestSustainedRate() == null) {
            out.println("  No step was sustained.");
        } else {
            out.printf("  Highest sustained rate: %s req/s%n", rate(summary.highestSustainedRate()));
        }
        if (summary.firstUnsustainedRate() != null) {
            out.printf("  First rate not sustained: %s req/s (%s)%n", rate(summary.firstUnsustainedRate()),
                    String.join("; ", summary.firstUnsustainedReasons()));
        }
        if (ceiling != null && summary.highestSustainedRate() != null) {
            out.printf("  Sustained rate as a fraction of the ceilings: %s of 1-client commits/s, %s of 16-client"
                            + " commits/s, %s of Kafka records/s%n", percent(summary.rateOfCommitCeiling1Client()),
                    percent(summary.rateOfCommitCeiling16Clients()), percent(summary.rateOfKafkaCeiling()));
            out.printf("  Bourse's commits at that rate: %s/s = %s of the commit ceiling (write transactions %s/s = %s)%n",
                    number(summary.commitsPerSecondAtSustained()), percent(summary.commitsOfCommitCeiling()),
                    number(summary.writeTransactionsPerSecondAtSustained()),
                    percent(summary.writeTransactionsOfCommitCeiling()));
        }
    }

    void notes(List<String> notes) {
        if (!notes.isEmpty()) {
            out.println("Notes:");
            notes.stream().distinct().forEach(note -> out.println("  - " + note));
        }
    }

    static String rate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format("%.1f", rate);
    }

    private static String number(Double value) {
        return value == null ? "n/a" : value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
    }

    private static String percent(Double value) {
        return value == null ? "n/a" : String.format("%.1f%%", value * 100);
    }

    static String describe(Map<String, Double> idle) {
        return idle.entrySet().stream().map(e -> e.getKey() + "=" + String.format("%.3f", e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
