package io.switchboard.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Counts requests in Redis while it answers and in process while it does not: a failed Redis call marks the limit
 * degraded (health {@code WARNING}, answered 200, as the API goes on) and Redis is asked again once
 * {@link RateLimitSettings#redisRetry()} has passed, so the limit comes back to being shared by itself. While
 * degraded, each process lets a tenant send the whole limit.
 */
final class FailoverApiRateLimiter implements ApiRateLimiter, HealthIndicator, AutoCloseable {

	/** The status while the limit is counted per process against its configuration. */
	static final Status WARNING = new Status("WARNING", "Redis does not answer: API rate limits are per process");

	private static final Logger log = LoggerFactory.getLogger(FailoverApiRateLimiter.class);

	private record Outage(Instant since, Instant retryAt, String error) {}

	private final Supplier<RedisApiRateLimiter> connector;
	private final ApiRateLimiter local;
	private final Duration retry;
	private final Clock clock;
	private final AtomicReference<@Nullable Outage> outage = new AtomicReference<>();
	private volatile @Nullable RedisApiRateLimiter redis;

	/**
	 * @param connector connects to Redis; called again after a failed connection once the retry delay has passed.
	 */
	FailoverApiRateLimiter(Supplier<RedisApiRateLimiter> connector, ApiRateLimiter local, Duration retry,
			Clock clock) {
		this.connector = connector;
		this.local = local;
		this.retry = retry;
		this.clock = clock;
	}

	@Override
	public Duration take(String tenantId) {
		RedisApiRateLimiter shared = shared();
		if (shared != null) {
			try {
				Duration refusal = shared.take(tenantId);
				answered();
				return refusal;
			}
			catch (RuntimeException e) {
				failed(e);
			}
		}
		return local.take(tenantId);
	}

	@Override
	public Health health() {
		Outage current = outage.get();
		if (current == null) {
			return Health.up().withDetail("store", "redis").build();
		}
		return Health.status(WARNING).withDetail("store", "in-process (Redis does not answer)")
				.withDetail("since", current.since().toString()).withDetail("error", current.error()).build();
	}

	@Override
	public void close() {
		RedisApiRateLimiter shared = redis;
		if (shared != null) {
			shared.close();
		}
	}

	private boolean redisDue() {
		Outage current = outage.get();
		return current == null || !clock.instant().isBefore(current.retryAt());
	}

	private @Nullable RedisApiRateLimiter shared() {
		if (!redisDue()) {
			return null;
		}
		RedisApiRateLimiter shared = redis;
		if (shared != null) {
			return shared;
		}
		synchronized (this) {
			if (redis == null && redisDue()) {
				try {
					redis = connector.get();
				}
				catch (RuntimeException e) {
					failed(e);
				}
			}
			return redis;
		}
	}

	private void failed(RuntimeException e) {
		Instant now = clock.instant();
		Outage previous = outage.getAndUpdate(current -> new Outage(current == null ? now : current.since(),
				now.plus(retry), e.getClass().getSimpleName()));
		if (previous == null) {
			log.warn("Redis does not answer for the API rate limits; counting per process and trying again every {}",
					retry, e);
		}
	}

	private void answered() {
		Outage previous = outage.getAndSet(null);
		if (previous != null) {
			log.warn("Redis answers again for the API rate limits after {}; limits are shared across processes again",
					Duration.between(previous.since(), clock.instant()));
		}
	}
}
