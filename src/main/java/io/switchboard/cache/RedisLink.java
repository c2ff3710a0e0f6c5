package io.switchboard.cache;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The way to Redis for the modules' Redis adapters. A command that fails marks Redis as away: for the next
 * {@link #RETRY_AFTER} commands are not even tried ({@link #attempt} answers empty at once, so callers fall back to
 * their in-process adapters instead of waiting for time-outs), a ping every second checks whether it is back, and one
 * error line is logged when the outage starts, one line when it ends. When it is back, the hooks registered with
 * {@link #onReconnect(Runnable)} run (e.g. to reload what a missed notice may have changed).
 */
@Component
@ConditionalOnProperty(name = CacheBackend.PROPERTY, havingValue = CacheBackend.REDIS)
public class RedisLink {

	/** How long commands are not tried after one failed. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

	private final StringRedisTemplate redis;
	private final List<Runnable> reconnectHooks = new CopyOnWriteArrayList<>();
	private volatile @Nullable Outage outage;

	/**
	 * @param connections must not be {@literal null}.
	 */
	public RedisLink(RedisConnectionFactory connections) {
		this.redis = new StringRedisTemplate(connections);
	}

	/**
	 * Runs a command unless Redis is known to be away.
	 *
	 * @param operation what the command is for, named in the log when Redis goes away; never a key's secret part.
	 * @param command must not be {@literal null} and must not return {@literal null} (answer absent values as an
	 *        empty {@link Optional}).
	 * @return the command's result; empty when Redis is away or the command failed.
	 */
	public <T> Optional<T> attempt(String operation, Function<StringRedisTemplate, T> command) {
		Outage current = outage;
		if (current != null && System.nanoTime() - current.retryAtNanos() < 0) {
			return Optional.empty();
		}
		try {
			T result = command.apply(redis);
			if (current != null) {
				back();
			}
			return Optional.of(result);
		}
		catch (DataAccessException | IllegalStateException failure) {
			away(operation, failure);
			return Optional.empty();
		}
	}

	/**
	 * @return whether Redis was away at the last command or ping.
	 */
	public boolean away() {
		return outage != null;
	}

	/**
	 * @return when the current outage started and why; empty while Redis answers.
	 */
	public Optional<String> outageCause() {
		Outage current = outage;
		return current == null ? Optional.empty() : Optional.of(current.cause());
	}

	/**
	 * @return the connection factory, for listener containers.
	 */
	public RedisConnectionFactory connections() {
		return redis.getRequiredConnectionFactory();
	}

	/**
	 * @param hook runs (on a virtual thread) each time Redis answers again after an outage.
	 */
	public void onReconnect(Runnable hook) {
		reconnectHooks.add(hook);
	}

	/**
	 * Pings Redis: notices an outage while no command is sent, and its end.
	 */
	@Scheduled(fixedDelay = 1000)
	public void ping() {
		try {
			redis.execute((org.springframework.data.redis.core.RedisCallback<String>) connection -> connection.ping());
			if (outage != null) {
				back();
			}
		}
		catch (DataAccessException | IllegalStateException failure) {
			away("ping", failure);
		}
	}

	private void away(String operation, Exception failure) {
		long retryAt = System.nanoTime() + RETRY_AFTER.toNanos();
		synchronized (this) {
			Outage current = outage;
			if (current == null) {
				log.error("""

						*****************************************************************************
						 Redis is away: {} failed ({}).
						 Relaying goes on: Genesys tokens and limits fall back to each process;
						 tenant changes of other processes are seen once Redis is back.
						*****************************************************************************""",
						operation, describe(failure));
			}
			outage = new Outage(current == null ? operation + " failed: " + describe(failure) : current.cause(),
					retryAt);
		}
	}

	private void back() {
		synchronized (this) {
			if (outage == null) {
				return;
			}
			outage = null;
		}
		log.info("Redis answers again: shared tokens and tenant changes are back in service");
		for (Runnable hook : reconnectHooks) {
			Thread.ofVirtual().name("redis-reconnect").start(hook);
		}
	}

	private static String describe(Exception failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root == failure ? failure.getClass().getSimpleName()
				: failure.getClass().getSimpleName() + " (" + root.getClass().getSimpleName() + ")";
	}

	private record Outage(String cause, long retryAtNanos) {}
}
