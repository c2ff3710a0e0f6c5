package io.switchboard.gateway;

import io.switchboard.platform.RedisOutage;

import java.time.Clock;
import java.time.Duration;
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

	private final Supplier<RedisApiRateLimiter> connector;
	private final ApiRateLimiter local;
	private final RedisOutage outage;
	private volatile @Nullable RedisApiRateLimiter redis;

	/**
	 * @param connector connects to Redis; called again after a failed connection once the retry delay has passed.
	 */
	FailoverApiRateLimiter(Supplier<RedisApiRateLimiter> connector, ApiRateLimiter local, Duration retry,
			Clock clock) {
		this.connector = connector;
		this.local = local;
		this.outage = new RedisOutage("the API rate limits", retry, clock, WARNING);
	}

	@Override
	public Duration take(String tenantId) {
		RedisApiRateLimiter shared = shared();
		if (shared != null) {
			try {
				Duration refusal = shared.take(tenantId);
				outage.answered();
				return refusal;
			}
			catch (RuntimeException e) {
				outage.failed(e);
			}
		}
		return local.take(tenantId);
	}

	@Override
	public Health health() {
		return outage.health();
	}

	@Override
	public void close() {
		RedisApiRateLimiter shared = redis;
		if (shared != null) {
			shared.close();
		}
	}

	private @Nullable RedisApiRateLimiter shared() {
		if (!outage.due()) {
			return null;
		}
		RedisApiRateLimiter shared = redis;
		if (shared != null) {
			return shared;
		}
		synchronized (this) {
			if (redis == null && outage.due()) {
				try {
					redis = connector.get();
				}
				catch (RuntimeException e) {
					outage.failed(e);
				}
			}
			return redis;
		}
	}
}
