package io.switchboard.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The tenant API's rate limit per tenant ({@code switchboard.api.rate-limit}): a token bucket of {@code burst}
 * requests refilled at {@code perSecond}; a request past it is answered 429 {@code rate-limited}.
 *
 * @param perSecond the requests a tenant may send per second, sustained; 50 by default.
 * @param burst the requests a tenant may send at once after a quiet spell; twice {@code perSecond} by default.
 * @param store {@code in-process} (the default: each process counts its own requests) or {@code redis} (the
 *        processes share each tenant's bucket through {@code spring.data.redis.*}).
 * @param redisTimeout the longest one Redis call may take before the request is counted in process instead.
 * @param redisRetry how long the limit stays in process after a Redis failure before it tries Redis again.
 */
@ConfigurationProperties("switchboard.api.rate-limit")
record RateLimitSettings(int perSecond, int burst, Store store, Duration redisTimeout, Duration redisRetry) {

	RateLimitSettings {
		perSecond = perSecond <= 0 ? 50 : perSecond;
		burst = burst <= 0 ? 2 * perSecond : burst;
		store = store == null ? Store.IN_PROCESS : store;
		redisTimeout = redisTimeout == null || !redisTimeout.isPositive() ? Duration.ofMillis(250) : redisTimeout;
		redisRetry = redisRetry == null || !redisRetry.isPositive() ? Duration.ofSeconds(5) : redisRetry;
	}

	/**
	 * Where the buckets are kept.
	 */
	enum Store {
		/** In this process. */
		IN_PROCESS,
		/** In Redis, falling back to this process while Redis does not answer. */
		REDIS
	}
}
