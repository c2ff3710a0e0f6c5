package io.switchboard.gateway;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Chooses where the tenants' API buckets are kept by {@link RateLimitSettings#store()}: in process, or in Redis with
 * the in-process buckets as fallback ({@link FailoverApiRateLimiter}) over the Lettuce client of Spring Data Redis
 * ({@code spring.data.redis.*}), and reports it as the {@code apiRateLimit} health component.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	@Bean
	ApiRateLimiter apiRateLimiter(RateLimitSettings settings,
			ObjectProvider<LettuceConnectionFactory> redis) {
		ApiRateLimiter local = new ApiRateLimiter.InProcess(settings);
		if (settings.store() == RateLimitSettings.Store.IN_PROCESS) {
			return local;
		}
		LettuceConnectionFactory factory = redis.getIfAvailable();
		if (factory == null) {
			throw new IllegalStateException("switchboard.api.rate-limit.store=redis needs Spring Data Redis's Lettuce "
					+ "connection factory (spring.data.redis.*)");
		}
		return new FailoverApiRateLimiter(
				() -> RedisApiRateLimiter.connect(factory.getRequiredNativeClient(), settings), local,
				settings.redisRetry(), Clock.systemUTC());
	}

	@Bean
	HealthIndicator apiRateLimitHealthIndicator(ApiRateLimiter limiter) {
		return limiter instanceof FailoverApiRateLimiter shared ? shared
				: () -> Health.up().withDetail("store", "in-process").build();
	}
}
