package io.bourse.benchmarks.flow;

import io.bourse.benchmarks.auth.Tokens;
import java.awt.AWTError;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Open-loop load on a running Bourse, from order intake to settlement: what rate it sustains, what each order
 * costs in CPU, commits and Kafka records, and how that compares with what the machine's PostgreSQL and Kafka can
 * do at most. Run it with --help for the options; benchmarks/run-flow.sh starts a fresh local stack around it.
 */
public final class FlowBenchmark {

    private static final Duration IDLE_WINDOW = Duration.ofSeconds(2);

    private final Options options;
    private final PrintStream out;
    private final Report report;
    private final List<String> notes = new ArrayList<>();

    private FlowBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.report = new Report(out);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        // kafka-clients logs through SLF4J, which has no backend here; its warning about that is noise.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(Options.usage());
            return;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(Options.usage());
            System.exit(2);
            return;
        }
        System.exit(new FlowBenchmark(options, System.out).run());
    }

    private int run() throws Exception {
        Instant started = Instant.now();
        Machine machine = Machine.here();
        report.header(options, machine);
        try (Tokens tokens = new Tokens(options.issuer());
             BourseClient client = new BourseClient(options.order(), options.portfolio(), options.settlement(),
                     tokens, options.httpThreads(), options.requestTimeout())) {
            for (var service : List.of(options.order(), options.portfolio(), options.settlement())) {
                if (!client.healthy(service)) {
                    System.err.println(service + "/actuator/health does not answer 200: is the stack running?");
                    return 1;
                }
            }
            ProcessCpu cpu = ProcessCpu.find(options, notes);
            report.processes(cpu.watched());
            PostgresProbe postgres = openPostgres();
            KafkaProbe kafka = openKafka();
            try {
                return measure(client, cpu, postgres, kafka, machine, started);
            } finally {
                if (postgres != null) {
                    postgres.close();
                }
                if (kafka != null) {
                    kafka.close();
                }
            }
        }
    }

    private int measure(BourseClient client, ProcessCpu cpu, PostgresProbe postgres, KafkaProbe kafka,
                        Machine machine, Instant started) throws Exception {
        Setup.Universe universe = Setup.prepare(client, options, out);
        CostMeter meter = new CostMeter(cpu, postgres, kafka, notes);
        CostMeter.Sample quietStart = meter.sample();
        Thread.sleep(IDLE_WINDOW.toMillis());
        Map<String, Double> idle = CostMeter.idlePerSecond(quietStart, meter.sample());
        out.println("Idle, per second: " + Report.describe(idle));

        Ceiling ceiling = options.ceiling() && (postgres != null || kafka != null)
                ? Ceiling.measure(postgres, kafka, options, notes) : null;
        report.ceiling(ceiling);

        SustainRule rule = new SustainRule(options.sustainDrain(), options.p99BoundMs());
        Duration answerWait = options.requestTimeout().plusSeconds(5);
        List<Double> rates = options.steps();
        List<StepResult> steps = new ArrayList<>();
        RunResult.Warmup warmup = null;
        StreamWatchers watchers = options.streamSubscribers() == 0 ? null : StreamWatchers.open(options.order(),
                client.bearer(BourseClient.ADMIN), universe.symbols(), options.streamSubscribers());
        try (FlowTracker tracker = new FlowTracker(client, universe.accounts(), 8)) {
            OpenLoop loop = new OpenLoop(client, universe.symbols(), universe.accounts());
            Completion.Carry carry = Completion.Carry.NONE;
            if (!options.warmup().isZero()) {
                double rate = rates.get(0);
                OpenLoop.Intake intake = loop.run(workload(rate, -1), rate, options.warmup(), answerWait);
                FlowTracker.Flow flow = tracker.follow(intake, carry, options.drainTimeout());
                carry = flow.carry();
                warmup = new RunResult.Warmup(rate, options.warmup().toNanos() / 1e9, intake.accepted(),
                        flow.finished(), flow.drain().toNanos() / 1e9);
                report.warmup(warmup);
                if (!flow.finished()) {
                    notes.add("the warmup's flow did not finish: the first step starts with a backlog");
                }
            }
            Thread.sleep(CostMeter.statisticsDelay().toMillis());
            CostMeter.Sample before = meter.sample();
            for (int i = 0; i < rates.size(); i++) {
                double rate = rates.get(i);
                if (watchers != null) {
                    watchers.mark();
                }
                OpenLoop.Intake intake = loop.run(workload(rate, i), rate, options.duration(), answerWait);
                FlowTracker.Flow flow = tracker.follow(intake, carry, options.drainTimeout());
                carry = flow.carry();
                Thread.sleep(CostMeter.statisticsDelay().toMillis());
                CostMeter.Sample after = meter.sample();
                CostMeter.Cost cost = CostMeter.between(before, after, intake.placeAccepted());
                StepResult step = StepResult.of(i + 1, rate, intake, flow, cost, rule);
                if (watchers != null) {
                    String streams = "step " + (i + 1) + ": " + watchers.window().describe();
                    out.println("  Streams: " + streams);
                    notes.add(streams);
                }
                steps.add(step);
                report.step(step, rates.size());
                if (flow.readErrors() > 0) {
                    notes.add("step " + (i + 1) + ": " + flow.readErrors() + " of " + flow.reads()
                            + " reads after the run failed");
                }
                if (step.outcome() == SustainRule.Outcome.FAILED_BADLY) {
                    if (i + 1 < rates.size()) {
                        out.println("  The flow did not finish within --drain-timeout: the ramp stops here.");
                        notes.add("the ramp stopped after step " + (i + 1) + " at " + Report.rate(rate)
                                + " req/s: its flow did not finish within the drain timeout");
                    }
                    break;
                }
                before = after;
            }
        } finally {
            if (watchers != null) {
                watchers.close();
            }
        }

        if (client.throttled() > 0) {
            notes.add(client.throttled() + " requests of the setup and of the reads after the steps were answered 429"
                    + " and sent again: the services' per-caller rate limits were in the way (run-flow.sh raises them"
                    + " unless --keep-rate-limits)");
        }
        RunResult.Summary summary = RunResult.Summary.of(steps, ceiling);
        report.summary(steps, summary, ceiling);
        RunResult result = new RunResult(started.toString(), Instant.now().toString(), RunResult.CLOCKS,
                options.effective(), machine, universe.symbols(), universe.accounts().size(), universe.seconds(),
                cpu.watched(), idle, ceiling, warmup, steps, summary, List.copyOf(notes));
        Path json = options.out();
        JsonReport.write(result, json);
        out.println("JSON report: " + json);
        Path png = JsonReport.chartBeside(json);
        try {
            Chart.write(steps, "Bourse flow: mix " + options.mix() + ", " + machine.processors() + " CPUs, "
                    + started.toString().substring(0, 16).replace('T', ' ') + " UTC", options.p99BoundMs(),
                    summary.highestSustainedRate(), png);
            out.println("Chart:       " + png);
        } catch (Exception | LinkageError | AWTError e) {
            // A JDK without its desktop libraries or fonts cannot draw; the figures are all in the JSON.
            notes.add("the chart could not be drawn: " + e);
        }
        report.notes(notes);
        return 0;
    }

    private Workload workload(double rate, int step) {
        // Each step draws its own requests, the same ones for the same seed and step.
        return new Workload(options.mix(), options.symbols(), options.accounts(), options.quantity(),
                Workload.followUpLag(rate), options.seed() * 1_000_003L + step);
    }

    private PostgresProbe openPostgres() {
        if (!options.usesPostgres()) {
            return null;
        }
        try {
            return new PostgresProbe(options.jdbc(), options.jdbcUser(), options.jdbcPassword());
        } catch (Exception e) {
            notes.add("PostgreSQL at " + options.jdbc() + " is not reachable (" + e.getMessage()
                    + "): no commit counts, no commit ceiling");
            return null;
        }
    }

    private KafkaProbe openKafka() {
        if (!options.usesKafka()) {
            return null;
        }
        KafkaProbe kafka = new KafkaProbe(options.kafka());
        try {
            kafka.offsets();
            return kafka;
        } catch (Exception e) {
            kafka.close();
            notes.add("Kafka at " + options.kafka() + " is not reachable (" + e.getMessage()
                    + "): no record counts, no Kafka ceiling");
            return null;
        }
    }
}
