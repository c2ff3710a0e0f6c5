package io.switchboard.benchmark;

import java.util.Arrays;

/**
 * The percentiles of a set of latencies the report shows, in milliseconds.
 *
 * @param count how many samples there were.
 */
record Latency(long count, double p50, double p99, double max) {

	static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN);

	/**
	 * @param nanos samples in nanoseconds; negative values mark requests without a latency and are left out.
	 */
	static Latency ofNanos(long[] nanos) {
		long[] sorted = Arrays.stream(nanos).filter(sample -> sample >= 0).sorted().toArray();
		if (sorted.length == 0) {
			return NONE;
		}
		return new Latency(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
				millis(sorted[sorted.length - 1]));
	}

	boolean present() {
		return count > 0;
	}

	/**
	 * The nearest-rank percentile.
	 */
	private static long rank(long[] sorted, double quantile) {
		int rank = (int) Math.ceil(quantile * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}
}
