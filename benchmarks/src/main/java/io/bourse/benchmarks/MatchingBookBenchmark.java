package io.bourse.benchmarks;

import io.bourse.order.matching.Execution;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the plain matching book, one thread, one symbol: each op matches, applies its fills and rests or
 * removes as the OrderBook aggregate does on the matching events, without Axon, events or storage around it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatchingBookBenchmark {

    @Benchmark
    public Execution placeThenCancel(PassiveBook book) {
        return book.placeThenCancel();
    }

    @Benchmark
    public Execution sweepFiveLevels(SweptBook book) {
        return book.sweepAndRefill();
    }

    @Benchmark
    public long mixedFlow(MixedFlow flow) {
        return flow.next();
    }
}
