package io.switchboard.work.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Wakes a channel's dispatcher (and the RabbitMQ outbox relay, which serves every channel) as soon as new work
 * commits in this process, so that idle polling only matters for work published by other processes or coming due
 * after a delay. Internal to the work channel adapters.
 */
@Component
public class WorkSignals {

	private final ConcurrentHashMap<String, Semaphore> signals = new ConcurrentHashMap<>();
	private final Semaphore any = new Semaphore(0);

	void wake(String channel) {
		release(signal(channel));
		release(any);
	}

	void await(String channel, Duration timeout) throws InterruptedException {
		await(signal(channel), timeout);
	}

	/**
	 * Waits until work is published on any channel in this process, or the timeout passes.
	 */
	public void awaitAny(Duration timeout) throws InterruptedException {
		await(any, timeout);
	}

	private static void release(Semaphore signal) {
		if (signal.availablePermits() == 0) {
			signal.release();
		}
	}

	private static void await(Semaphore signal, Duration timeout) throws InterruptedException {
		if (signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			signal.drainPermits();
		}
	}

	private Semaphore signal(String channel) {
		return signals.computeIfAbsent(channel, c -> new Semaphore(0));
	}
}
