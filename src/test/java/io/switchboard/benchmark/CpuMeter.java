package io.switchboard.benchmark;

import io.switchboard.harness.ProcFs;

/**
 * Where the machine's CPU went during a phase, from {@code /proc}: the application's JVM, the PostgreSQL it uses (the
 * postmaster and all its processes, embedded or external), the RabbitMQ broker if it uses one, wrk (a child of this
 * JVM, counted once it has exited), this JVM itself (the stand-ins and the Java load generator) and everything else.
 * Two snapshots give the cores each used in between; a total near 2.0 on this 2-core machine means the machine was
 * full.
 */
final class CpuMeter {

	private final long appPid;
	private final long postmasterPid;
	private final long brokerPid;

	/**
	 * @param postmasterPid the PostgreSQL server's main process, 0 if unknown.
	 * @param brokerPid the RabbitMQ broker's process, 0 if none is used.
	 */
	CpuMeter(long appPid, long postmasterPid, long brokerPid) {
		this.appPid = appPid;
		this.postmasterPid = postmasterPid;
		this.brokerPid = brokerPid;
	}

	/**
	 * CPU ticks at one moment.
	 */
	record Snapshot(long nanos, long app, long postgres, long broker, long harness, long exitedChildren,
			long machineBusy, long machineTotal) {}

	/**
	 * Cores used between two snapshots.
	 *
	 * @param broker the RabbitMQ broker, NaN when none is used.
	 * @param machineBusy the share of all cores that was busy, 0 to 1.
	 */
	record Split(double app, double postgres, double broker, double harness, double wrk, double machineBusy) {

		static final Split NONE = new Split(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

		boolean present() {
			return !Double.isNaN(app);
		}

		/**
		 * @return cores used by everything else on the machine: other people's processes, the kernel's own work.
		 */
		double other() {
			return Math.max(0, machineBusy * CORES - app - postgres - (Double.isNaN(broker) ? 0 : broker) - harness - wrk);
		}
	}

	private static final int CORES = Runtime.getRuntime().availableProcessors();

	Snapshot snapshot() {
		ProcFs.Ticks self = ProcFs.selfTicks();
		long[] machine = ProcFs.machineTicks();
		return new Snapshot(System.nanoTime(), ProcFs.ticks(appPid).own(), ProcFs.ticksOfTree(postmasterPid),
				ProcFs.ticksOfTree(brokerPid), self.own(), self.children(), machine[0], machine[1]);
	}

	/**
	 * @return the cores used by processes other than the benchmark's over the next {@code millis}.
	 */
	double otherLoad(long millis) throws InterruptedException {
		Snapshot start = snapshot();
		Thread.sleep(millis);
		return since(start).other();
	}

	Split since(Snapshot start) {
		Snapshot end = snapshot();
		double seconds = (end.nanos() - start.nanos()) / 1e9;
		if (seconds <= 0) {
			return Split.NONE;
		}
		return new Split(cores(end.app() - start.app(), seconds), cores(end.postgres() - start.postgres(), seconds),
				brokerPid == 0 ? Double.NaN : cores(end.broker() - start.broker(), seconds),
				cores(end.harness() - start.harness(), seconds),
				cores(end.exitedChildren() - start.exitedChildren(), seconds),
				end.machineTotal() == start.machineTotal() ? Double.NaN
						: (double) (end.machineBusy() - start.machineBusy()) / (end.machineTotal() - start.machineTotal()));
	}

	private static double cores(long ticks, double seconds) {
		return Math.max(0, ticks) / ProcFs.TICKS_PER_SECOND / seconds;
	}
}
