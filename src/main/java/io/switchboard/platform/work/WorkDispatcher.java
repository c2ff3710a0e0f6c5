package io.switchboard.platform.work;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.platform.RetryLater;
import io.switchboard.platform.Roles;
import io.switchboard.platform.WorkHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the {@link WorkHandler}s of a worker process: one dispatcher thread per channel claims due items from
 * {@code work_items} (only the oldest open item of each ordering key is claimable, which keeps per-key order) and
 * hands them to virtual threads, bounded by {@link WorkSettings#concurrency()}.
 */
@Component
class WorkDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WorkDispatcher.class);

	private static final String CLAIM = """
			update work_items set status = 'RUNNING', attempts = attempts + 1, claimed_by = :node,
			       lease_until = now() + make_interval(secs => :lease)
			where id in (
			  select w.id from work_items w
			  where w.channel = :channel and w.status = 'PENDING' and w.available_at <= now()
			    and not exists (select 1 from work_items p
			                    where p.channel = w.channel and p.ordering_key = w.ordering_key
			                      and p.id < w.id and p.status <> 'FAILED')
			  order by w.id limit :limit
			  for update skip locked)
			returning id, payload::text as payload, attempts
			""";

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final WorkSignals signals;
	private final WorkSettings settings;
	private final Roles roles;
	private final List<WorkHandler<?>> handlers;
	private final MeterRegistry meters;
	private final String node;
	private final List<Thread> dispatchers = new ArrayList<>();
	private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
			Thread.ofVirtual().name("work-", 0).factory());
	private volatile boolean running;

	WorkDispatcher(JdbcClient jdbc, JsonMapper json, WorkSignals signals, WorkSettings settings, Roles roles,
			List<WorkHandler<?>> handlers, MeterRegistry meters, NodeName node) {
		this.jdbc = jdbc;
		this.json = json;
		this.signals = signals;
		this.settings = settings;
		this.roles = roles;
		this.handlers = handlers;
		this.meters = meters;
		this.node = node.value();
	}

	@Override
	public void start() {
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
		for (WorkHandler<?> handler : handlers) {
			Thread thread = Thread.ofPlatform().daemon().name("dispatch-" + handler.channel())
					.start(() -> dispatch(handler));
			dispatchers.add(thread);
		}
	}

	@Override
	public void stop() {
		running = false;
		dispatchers.forEach(Thread::interrupt);
		workers.shutdown();
		try {
			if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
				workers.shutdownNow();
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
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

	private void dispatch(WorkHandler<?> handler) {
		Semaphore slots = new Semaphore(settings.concurrency());
		String channel = handler.channel();
		while (running) {
			try {
				int free = Math.min(slots.availablePermits(), settings.batchSize());
				List<Claimed> claimed = free == 0 ? List.of() : claim(channel, free);
				for (Claimed item : claimed) {
					slots.acquire();
					workers.submit(() -> {
						try {
							run(handler, item);
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
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException e) {
				if (!running) {
					return;
				}
				log.warn("Dispatcher of {} could not claim work: {}", channel, e.toString());
				sleepQuietly(settings.pollInterval());
			}
		}
	}

	private List<Claimed> claim(String channel, int limit) {
		return jdbc.sql(CLAIM)
				.param("node", node)
				.param("lease", (double) settings.lease().toSeconds())
				.param("channel", channel)
				.param("limit", limit)
				.query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("payload"), rs.getInt("attempts")))
				.list();
	}

	private <T> void run(WorkHandler<T> handler, Claimed item) {
		String channel = handler.channel();
		T work;
		try {
			work = json.readValue(item.payload(), handler.type());
		}
		catch (RuntimeException unreadable) {
			log.error("Work item {} on {} cannot be read and is parked: {}", item.id(), channel, unreadable.toString());
			park(channel, item, "unreadable: " + unreadable.getMessage());
			return;
		}
		try {
			handler.handle(work);
			jdbc.sql("delete from work_items where id = ?").param(item.id()).update();
			meters.counter("switchboard.work.completed", "channel", channel).increment();
		}
		catch (RetryLater retry) {
			retryOrPark(handler, work, item, retry.getMessage(),
					retry.delay().compareTo(settings.initialBackoff()) < 0 ? settings.initialBackoff() : retry.delay());
		}
		catch (RuntimeException failure) {
			log.warn("Work item {} on {} failed (attempt {}): {}", item.id(), channel, item.attempts(),
					failure.toString());
			retryOrPark(handler, work, item, failure.toString(), settings.backoff(item.attempts()));
		}
		finally {
			MDC.clear();
		}
	}

	private <T> void retryOrPark(WorkHandler<T> handler, T work, Claimed item, String reason, Duration delay) {
		String channel = handler.channel();
		if (item.attempts() < settings.maxAttempts()) {
			jdbc.sql("""
					update work_items set status = 'PENDING', available_at = now() + make_interval(secs => ?),
					       last_error = ?, lease_until = null, claimed_by = null
					where id = ?""")
					.params(delay.toMillis() / 1000.0, truncate(reason), item.id())
					.update();
			meters.counter("switchboard.work.retried", "channel", channel).increment();
			return;
		}
		park(channel, item, reason);
		log.error("Work item {} on {} failed after {} attempts and is parked: {}", item.id(), channel,
				item.attempts(), reason);
		try {
			handler.exhausted(work, reason);
		}
		catch (RuntimeException e) {
			log.error("Handler of {} could not record the failure of item {}: {}", channel, item.id(), e.toString());
		}
	}

	private void park(String channel, Claimed item, String reason) {
		jdbc.sql("update work_items set status = 'FAILED', last_error = ?, lease_until = null, claimed_by = null "
				+ "where id = ?").params(truncate(reason), item.id()).update();
		meters.counter("switchboard.work.failed", "channel", channel).increment();
	}

	private static String truncate(String reason) {
		return reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000);
	}

	private static void sleepQuietly(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private record Claimed(long id, String payload, int attempts) {}
}
