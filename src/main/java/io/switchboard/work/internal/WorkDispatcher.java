package io.switchboard.work.internal;

import io.switchboard.platform.Roles;
import io.switchboard.work.WorkHandler;
import io.switchboard.work.internal.WorkRunner.Settlement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the {@link WorkHandler}s of a worker process when the work channels' transport is the database (the default,
 * {@code switchboard.work.transport=database}): one dispatcher thread per channel claims due items from
 * {@code work_items} (only the oldest open item of each ordering key is claimable, which keeps per-key order) and
 * hands them to virtual threads, bounded by {@link WorkSettings#concurrency()}. Each attempt is a
 * {@link WorkRunner} attempt whose outcome is written back to the item's row: deleted when done, pending again with a
 * later {@code available_at} for a retry, moved to the {@link DeadLetters} when parked. The dispatchers are
 * {@link SupervisedLoop}s of {@link WorkerLoops}: no failure, an {@link Error} included, ends one, and their liveness
 * is the {@code workers} health.
 */
@Component
@ConditionalOnProperty(name = "switchboard.work.transport", havingValue = "database", matchIfMissing = true)
class WorkDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WorkDispatcher.class);

	private static final String CLAIM = """
			update work_items set status = 'RUNNING', attempts = attempts + 1, claimed_by = :node,
			       lease_until = now() + make_interval(secs => :lease)
			where id in (
			  select w.id from work_items w
			  where w.channel = :channel and w.status = 'PENDING' and w.available_at <= now()
			    and (select p.id from work_items p
			         where p.channel = w.channel and p.ordering_key = w.ordering_key
			           and p.id < w.id and p.status <> 'FAILED' limit 1) is null
			  order by w.id limit :limit
			  for update skip locked)
			returning id, payload::text as payload, attempts, created_at
			""";

	private final JdbcClient jdbc;
	private final WorkRunner runner;
	private final WorkSignals signals;
	private final WorkSettings settings;
	private final Roles roles;
	private final WorkHandlers handlers;
	private final String node;
	private final TransactionTemplate tx;
	private final DeadLetters deadLetters;
	private final Map<String, Queue<Long>> completed = new ConcurrentHashMap<>();
	private final WorkerLoops loops;
	private final List<SupervisedLoop> dispatchers = new ArrayList<>();
	private volatile ExecutorService workers = newWorkers();
	private volatile boolean running;

	WorkDispatcher(JdbcClient jdbc, TransactionTemplate tx, WorkRunner runner, WorkSignals signals,
			WorkSettings settings, Roles roles, WorkHandlers handlers, NodeName node, DeadLetters deadLetters,
			WorkerLoops loops) {
		this.jdbc = jdbc;
		this.deadLetters = deadLetters;
		this.tx = tx;
		this.runner = runner;
		this.signals = signals;
		this.settings = settings;
		this.roles = roles;
		this.handlers = handlers;
		this.node = node.value();
		this.loops = loops;
	}

	@Override
	public void start() {
		if (workers.isShutdown()) {
			workers = newWorkers();
		}
		running = true;
		if (!roles.worker()) {
			log.info("Worker role off: work channels are published but not consumed by this process");
			return;
		}
		int released = jdbc.sql("update work_items set status = 'PENDING', lease_until = null "
				+ "where status = 'RUNNING' and claimed_by = ?").param(node).update();
		if (released > 0) {
			log.info("Released {} work items this node held when it stopped", released);
		}
		Duration stallAfter = max(Duration.ofMinutes(1), settings.pollInterval().multipliedBy(20));
		for (WorkHandler<?> handler : handlers.all()) {
			if (!roles.consumes(handler.channel())) {
				continue;
			}
			Semaphore slots = new Semaphore(settings.concurrency());
			dispatchers.add(loops.start("dispatch-" + handler.channel(), settings.pollInterval(), stallAfter,
					loop -> dispatch(handler, slots, loop)));
		}
	}

	@Override
	public void stop() {
		running = false;
		dispatchers.forEach(SupervisedLoop::stop);
		dispatchers.clear();
		workers.shutdown();
		try {
			if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
				workers.shutdownNow();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		completed.keySet().forEach(channel -> tx.executeWithoutResult(status -> deleteCompleted(channel)));
	}

	/**
	 * Gives back work whose claim ran out, for example because the node that claimed it died.
	 */
	@Scheduled(fixedDelayString = "${switchboard.work.lease-check-interval:30s}")
	void releaseExpiredLeases() {
		if (running && roles.worker()) {
			int released = jdbc.sql("update work_items set status = 'PENDING', lease_until = null, claimed_by = null "
					+ "where status = 'RUNNING' and lease_until < now()").update();
			if (released > 0) {
				log.warn("Released {} work items whose lease expired", released);
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

	/**
	 * One turn of a channel's dispatcher: claims what the free slots allow and hands it to virtual threads, or waits
	 * for new work. Failures of the turn are the supervised loop's to log and pause after.
	 */
	private void dispatch(WorkHandler<?> handler, Semaphore slots, SupervisedLoop loop) throws InterruptedException {
		String channel = handler.channel();
		int free = Math.min(slots.availablePermits(), settings.batchSize());
		List<Claimed> claimed = tx.execute(status -> {
			jdbc.sql("set local synchronous_commit = off").update();
			deleteCompleted(channel);
			return free == 0 ? List.<Claimed>of() : claim(channel, free);
		});
		for (Claimed item : claimed) {
			while (!slots.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
				loop.beat();
			}
			workers.submit(() -> {
				try {
					run(handler, item);
				}
				catch (Throwable failure) {
					giveBack(channel, item, failure);
				}
				finally {
					slots.release();
					signals.wake(channel);
				}
			});
		}
		if (claimed.isEmpty()) {
			signals.await(channel, settings.pollInterval());
		}
	}

	/**
	 * An attempt ended in an {@link Error} the runner does not handle: the item is made due again after a backoff
	 * rather than left claimed until its lease runs out.
	 */
	private void giveBack(String channel, Claimed item, Throwable failure) {
		try {
			log.error("Work item {} on {} failed with an error; it is attempted again later", item.id(), channel,
					failure);
			jdbc.sql("""
					update work_items set status = 'PENDING', available_at = now() + make_interval(secs => ?),
					       last_error = ?, lease_until = null, claimed_by = null
					where id = ? and status = 'RUNNING'""")
					.params(settings.backoff(item.attempts()).toMillis() / 1000.0, DeadLetters.truncate(failure.toString()),
							item.id())
					.update();
		}
		catch (Throwable again) {
			// the lease runs out and the item is released then
		}
	}

	/**
	 * The attempts' threads; made anew when a stopped dispatcher starts again (a paused test context, for example).
	 */
	private static ExecutorService newWorkers() {
		return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("work-", 0).factory());
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

	/**
	 * Deletes the items of a channel that completed since the last claim, in the claim's transaction: one commit for
	 * many items instead of one each. That transaction commits without waiting for the disk: a crash can only lose
	 * claims (taken again) and deletes (the items are delivered again, which handlers take), never acknowledged work.
	 */
	private void deleteCompleted(String channel) {
		Queue<Long> done = completed.get(channel);
		if (done == null || done.isEmpty()) {
			return;
		}
		List<Long> ids = new ArrayList<>();
		for (Long id = done.poll(); id != null; id = done.poll()) {
			ids.add(id);
		}
		jdbc.sql("delete from work_items where id = any(?)").param(ids.toArray(Long[]::new)).update();
	}

	private List<Claimed> claim(String channel, int limit) {
		return jdbc.sql(CLAIM)
				.param("node", node)
				.param("lease", (double) settings.lease().toSeconds())
				.param("channel", channel)
				.param("limit", limit)
				.query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("payload"), rs.getInt("attempts"),
						rs.getTimestamp("created_at").toInstant()))
				.list();
	}

	private void run(WorkHandler<?> handler, Claimed item) {
		runner.attempt(handler, String.valueOf(item.id()), item.payload(), item.attempts(), item.publishedAt(),
				new Settlement() {

			@Override
			public void complete() {
				completed.computeIfAbsent(handler.channel(), c -> new ConcurrentLinkedQueue<>()).add(item.id());
			}

			@Override
			public void retry(Duration delay, @Nullable String reason) {
				jdbc.sql("""
						update work_items set status = 'PENDING', available_at = now() + make_interval(secs => ?),
						       last_error = ?, lease_until = null, claimed_by = null
						where id = ?""")
						.params(delay.toMillis() / 1000.0, DeadLetters.truncate(reason), item.id())
						.update();
			}

			@Override
			public void park(DeadLetter.Reason why, @Nullable String reason, int attempts) {
				try {
					deadLetters.moveFromWorkItems(item.id(), why, reason, attempts);
				}
				catch (RuntimeException e) {
					log.error("Work item {} on {} could not be dead-lettered; it is attempted again when its lease "
							+ "runs out: {}", item.id(), handler.channel(), e.toString());
					throw e;
				}
			}
		});
	}


	private record Claimed(long id, String payload, int attempts, Instant publishedAt) {}
}
