package io.switchboard.benchmark;

import java.time.Duration;

/**
 * Waits for other processes to leave the machine quiet before a phase starts, since on 2 cores anything else running
 * distorts every figure. The waiting is bounded per phase and in total; the load other processes caused during each
 * phase is reported either way ({@link CpuMeter.Split#other()}).
 */
final class QuietMachine {

	/** Cores other processes may use for the machine to count as quiet. */
	static final double QUIET = 0.15;

	private long allowanceMillis;
	private long waitedMillis;

	QuietMachine(Duration allowance) {
		this.allowanceMillis = allowance.toMillis();
	}

	/**
	 * @param meter tells the benchmark's own processes from the others.
	 * @return the cores other processes used in the last half second before giving the go.
	 */
	double await(CpuMeter meter, Duration longest) throws InterruptedException {
		long until = System.currentTimeMillis() + Math.min(longest.toMillis(), allowanceMillis);
		double other = meter.otherLoad(500);
		while (other > QUIET && System.currentTimeMillis() < until) {
			other = meter.otherLoad(500);
			allowanceMillis -= 500;
			waitedMillis += 500;
		}
		return other;
	}

	Duration waited() {
		return Duration.ofMillis(waitedMillis);
	}
}
