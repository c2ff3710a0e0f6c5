package io.switchboard.platform;

import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor.TaskResult;

/**
 * Runs the scheduled jobs that must run once in a cluster (the media retention sweep, the webhook archiver) under a
 * named lock shared by every process (ShedLock, its {@code shedlock} table in the shared PostgreSQL): the process
 * that takes the lock runs the job, every other skips that turn. The lock is held while the job runs, at most
 * {@code atMostFor} (after which a process that died holding it no longer blocks the others), and at least
 * {@code atLeastFor}, so that processes whose clocks tick a moment apart do not each run the same turn.
 */
public final class ClusterOnce {

	private final LockingTaskExecutor executor;

	/**
	 * @param locks where the locks are kept; all processes of a cluster must share it.
	 */
	public ClusterOnce(LockProvider locks) {
		this.executor = new DefaultLockingTaskExecutor(locks);
	}

	/**
	 * Runs a job if no process of the cluster holds its lock.
	 *
	 * @param name the job's lock name, the same in every process.
	 * @return whether this process ran it.
	 */
	public boolean run(String name, Duration atMostFor, Duration atLeastFor, Runnable job) {
		TaskResult<Boolean> result;
		try {
			result = executor.executeWithLock(() -> {
				job.run();
				return Boolean.TRUE;
			}, new LockConfiguration(Instant.now(), name, atMostFor, atLeastFor));
		}
		catch (RuntimeException | Error e) {
			throw e;
		}
		catch (Throwable e) {
			throw new IllegalStateException("The job " + name + " failed", e);
		}
		return result.wasExecuted();
	}
}
