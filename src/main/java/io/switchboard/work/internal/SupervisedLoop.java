package io.switchboard.work.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker loop that keeps going: its iterations run one after another on a platform thread, any {@link Throwable}
 * an iteration throws (an {@link OutOfMemoryError} included) is counted, logged and followed by a pause, and if the
 * thread dies anyway (say, logging the failure fails too) {@link WorkerLoops} starts a new one. The loop
 * {@linkplain #beat() beats} after each iteration, failed or not, and may beat while it waits for capacity, so that a
 * loop whose thread is alive but stuck shows as {@linkplain State#STALLED stalled}. (A loop that turns but fails, say
 * while the database is down, is alive; the health of what it fails on says why.)
 */
public final class SupervisedLoop {

	private static final Logger log = LoggerFactory.getLogger(SupervisedLoop.class);

	/**
	 * One turn of the loop.
	 */
	@FunctionalInterface
	public interface Iteration {

		/**
		 * @param loop the loop, to {@link SupervisedLoop#beat() beat} during long waits.
		 * @throws InterruptedException when the loop is being stopped.
		 */
		void run(SupervisedLoop loop) throws InterruptedException;
	}

	/**
	 * What the health of a loop reads.
	 */
	public enum State {
		/** Iterating, or stopped on purpose. */
		ALIVE,
		/** Running, but no iteration has ended (and no beat come) for longer than its stall limit. */
		STALLED,
		/** Its thread is gone and has not been replaced yet. */
		DEAD
	}

	private final String name;
	private final Duration pause;
	private final Duration stallAfter;
	private final Iteration iteration;
	private final AtomicLong failures = new AtomicLong();
	private final AtomicLong restarts = new AtomicLong();
	private volatile @Nullable Thread thread;
	private volatile boolean running;
	private volatile long lastBeat = System.nanoTime();
	private volatile @Nullable String lastFailure;

	SupervisedLoop(String name, Duration pause, Duration stallAfter, Iteration iteration) {
		this.name = name;
		this.pause = pause;
		this.stallAfter = stallAfter;
		this.iteration = iteration;
	}

	/**
	 * @return the loop's name, which is also its thread's.
	 */
	public String name() {
		return name;
	}

	/**
	 * Records that the loop is making progress.
	 */
	public void beat() {
		lastBeat = System.nanoTime();
	}

	/**
	 * Stops the loop: no further iteration starts, and the current one is interrupted.
	 */
	public void stop() {
		running = false;
		Thread current = thread;
		if (current != null) {
			current.interrupt();
		}
	}

	/**
	 * Stops the loop once the current iteration is over, without interrupting it.
	 */
	public void finish() {
		running = false;
	}

	/**
	 * Waits for the loop's thread to end after {@link #stop()}.
	 */
	public void join(Duration timeout) throws InterruptedException {
		Thread current = thread;
		if (current != null) {
			current.join(timeout);
		}
	}

	void start() {
		running = true;
		beat();
		thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
	}

	/**
	 * Replaces the thread of a running loop that died.
	 *
	 * @return whether it was replaced.
	 */
	boolean restartIfDead() {
		Thread current = thread;
		if (!running || current == null || current.isAlive()) {
			return false;
		}
		restarts.incrementAndGet();
		log.error("Worker loop {} had died ({}); started again", name, lastFailure);
		beat();
		thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
		return true;
	}

	State state() {
		Thread current = thread;
		if (!running) {
			return State.ALIVE;
		}
		if (current == null || !current.isAlive()) {
			return State.DEAD;
		}
		return sinceLastBeat().compareTo(stallAfter) > 0 ? State.STALLED : State.ALIVE;
	}

	Duration sinceLastBeat() {
		return Duration.ofNanos(System.nanoTime() - lastBeat);
	}

	long failures() {
		return failures.get();
	}

	long restarts() {
		return restarts.get();
	}

	@Nullable String lastFailure() {
		return lastFailure;
	}

	private void loop() {
		while (running) {
			try {
				iteration.run(this);
				beat();
			}
			catch (InterruptedException e) {
				if (!running) {
					return;
				}
			}
			catch (Throwable failure) {
				if (!running) {
					return;
				}
				failures.incrementAndGet();
				lastFailure = failure.getClass().getName();
				if (failure instanceof Exception) {
					log.warn("Worker loop {} failed (will continue): {}", name, failure.toString());
				}
				else {
					log.error("Worker loop {} failed with an error (will continue)", name, failure);
				}
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException e) {
					if (!running) {
						return;
					}
				}
				beat();
			}
		}
	}
}
