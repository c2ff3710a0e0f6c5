package io.switchboard.platform.work;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Wakes a channel's dispatcher as soon as new work commits in this process, so that idle polling only matters for
 * work published by other processes or coming due after a delay.
 */
@Component
class WorkSignals {

	private final ConcurrentHashMap<String, Semaphore> signals = new ConcurrentHashMap<>();

	void wake(String channel) {
		Semaphore signal = signal(channel);
		if (signal.availablePermits() == 0) {
			signal.release();
		}
	}

	void await(String channel, Duration timeout) throws InterruptedException {
		Semaphore signal = signal(channel);
		if (signal.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			signal.drainPermits();
		}
	}

	private Semaphore signal(String channel) {
		return signals.computeIfAbsent(channel, c -> new Semaphore(0));
	}
}
