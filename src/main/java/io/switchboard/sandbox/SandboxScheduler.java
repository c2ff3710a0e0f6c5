package io.switchboard.sandbox;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The simulators' clockwork: status webhooks Meta sends a little after a send, and Genesys's webhook retries run here
 * instead of on sleeping request threads. One platform thread keeps time; each task runs on a virtual thread of its
 * own, so that an application slow to answer a webhook holds up nothing else. Tasks that fail are logged and dropped.
 */
public final class SandboxScheduler implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SandboxScheduler.class);

	private final ScheduledExecutorService executor;
	private final ThreadFactory tasks;

	public SandboxScheduler() {
		this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "sandbox-clock");
			thread.setDaemon(true);
			return thread;
		});
		this.tasks = Thread.ofVirtual().name("sandbox-", 1).factory();
	}

	/**
	 * Runs {@code task} on a virtual thread of its own after {@code delay}; a failure is logged, not repeated.
	 */
	public ScheduledFuture<?> schedule(Duration delay, Runnable task) {
		return executor.schedule(() -> tasks.newThread(() -> {
			try {
				task.run();
			}
			catch (RuntimeException e) {
				log.warn("A sandbox simulator task failed", e);
			}
		}).start(), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}
}
