package io.switchboard.benchmark;

import io.switchboard.harness.ProcFs;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the resident set size of a process every 100 ms on a daemon thread and keeps the peak.
 */
final class RssSampler implements AutoCloseable {

	private final AtomicLong peak = new AtomicLong();
	private final Thread thread;
	private volatile boolean running = true;

	private RssSampler(long pid) {
		thread = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
			while (running) {
				ProcFs.residentBytes(pid).ifPresent(rss -> peak.accumulateAndGet(rss, Math::max));
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		});
	}

	static RssSampler start(long pid) {
		return new RssSampler(pid);
	}

	long peakBytes() {
		return peak.get();
	}

	@Override
	public void close() {
		running = false;
		thread.interrupt();
	}
}
