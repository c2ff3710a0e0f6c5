package io.switchboard.work.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class SupervisedLoopTests {

	private final WorkerLoops loops = new WorkerLoops();

	@Test
	void anOutOfMemoryErrorInAnIterationDoesNotEndTheLoop() throws Exception {
		AtomicInteger turns = new AtomicInteger();
		CountDownLatch afterTheError = new CountDownLatch(3);
		SupervisedLoop loop = loops.start("test-oom", Duration.ofMillis(10), Duration.ofMinutes(1), self -> {
			if (turns.incrementAndGet() == 2) {
				throw new OutOfMemoryError("Java heap space");
			}
			if (turns.get() > 2) {
				afterTheError.countDown();
			}
			Thread.sleep(5);
		});
		try {
			assertThat(afterTheError.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(loop.failures()).isEqualTo(1);
			assertThat(loop.lastFailure()).isEqualTo(OutOfMemoryError.class.getName());
			assertThat(loops.health().getStatus()).isEqualTo(Status.UP);
		}
		finally {
			loop.stop();
		}
	}

	@Test
	void aLoopWhoseThreadDiedIsDownUntilItIsStartedAgain() throws Exception {
		AtomicInteger turns = new AtomicInteger();
		CountDownLatch restarted = new CountDownLatch(1);
		SupervisedLoop loop = loops.start("test-death", Duration.ofMillis(10), Duration.ofMinutes(1), self -> {
			if (turns.incrementAndGet() == 1) {
				throw new UnloggableError();
			}
			restarted.countDown();
			Thread.sleep(5);
		});
		try {
			awaitState(loop, SupervisedLoop.State.DEAD);
			Health dead = loops.health();
			assertThat(dead.getStatus()).isEqualTo(Status.DOWN);
			assertThat(dead.getDetails().get("test-death")).asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("state", "DEAD");

			loops.supervise();

			assertThat(restarted.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(loop.restarts()).isEqualTo(1);
			assertThat(loops.health().getStatus()).isEqualTo(Status.UP);
		}
		finally {
			loop.stop();
		}
	}

	@Test
	void aLoopStuckInAnIterationIsStalled() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		SupervisedLoop loop = loops.start("test-stuck", Duration.ofMillis(10), Duration.ofMillis(200),
				self -> release.await());
		try {
			awaitState(loop, SupervisedLoop.State.STALLED);
			assertThat(loops.health().getStatus()).isEqualTo(Status.DOWN);
		}
		finally {
			release.countDown();
			loop.stop();
		}
	}

	@Test
	void aWatchedComponentThatStoppedConsumingIsDown() {
		loops.watch("consumers", () -> false);

		assertThat(loops.health().getStatus()).isEqualTo(Status.DOWN);
	}

	private static void awaitState(SupervisedLoop loop, SupervisedLoop.State state) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (loop.state() != state && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(loop.state()).isEqualTo(state);
	}

	/**
	 * An error that fails again when it is logged, as an {@link OutOfMemoryError} may: the loop's thread dies.
	 */
	private static final class UnloggableError extends Error {

		@Override
		public String getMessage() {
			throw new UnloggableError();
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}
	}
}
