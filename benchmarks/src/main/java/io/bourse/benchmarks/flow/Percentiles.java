package io.bourse.benchmarks.flow;

import org.HdrHistogram.Histogram;

/** A latency histogram (recorded in microseconds) summed up in milliseconds. */
record Percentiles(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    static Percentiles of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(90)), ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getValueAtPercentile(99.9)), ms(histogram.getMaxValue()), histogram.getMean() / 1000);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    @Override
    public String toString() {
        return count == 0 ? "none"
                : String.format("p50 %s  p90 %s  p99 %s  max %s ms (n=%d)", f(p50), f(p90), f(p99), f(max), count);
    }

    static String f(double ms) {
        return ms >= 100 ? String.format("%.0f", ms) : ms >= 10 ? String.format("%.1f", ms) : String.format("%.2f", ms);
    }
}
