package io.switchboard.whatsapp.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where send pacing keeps its limits ({@code switchboard.pacing}).
 *
 * @param store {@code in-process} (the default: each process paces its own sends) or {@code redis} (the processes
 *        share each number's limit and pair holds through {@code spring.data.redis.*}).
 * @param redisTimeout the longest one Redis call may take before the send is paced in process instead.
 * @param redisRetry how long pacing stays in process after a Redis failure before it tries Redis again.
 */
@ConfigurationProperties("switchboard.pacing")
record PacingSettings(Store store, Duration redisTimeout, Duration redisRetry) {

	PacingSettings {
		store = store == null ? Store.IN_PROCESS : store;
		redisTimeout = redisTimeout == null || !redisTimeout.isPositive() ? Duration.ofMillis(500) : redisTimeout;
		redisRetry = redisRetry == null || !redisRetry.isPositive() ? Duration.ofSeconds(5) : redisRetry;
	}

	/**
	 * Where the limits are kept.
	 */
	enum Store {
		/** In this process ({@link SendPacer}). */
		IN_PROCESS,
		/** In Redis ({@link RedisPacing}), falling back to this process while Redis does not answer. */
		REDIS
	}
}
