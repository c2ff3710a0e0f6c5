package io.switchboard.cache;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code redis} health component (in place of Spring Boot's, which would answer {@code DOWN}): {@code UP} while
 * Redis answers, {@link #WARNING} while it is away. Relaying goes on without Redis, so the warning is answered with
 * 200 and is not part of readiness: a load balancer keeps the node, the operator sees the warning.
 */
@Component("redisHealthIndicator")
@ConditionalOnProperty(name = CacheBackend.PROPERTY, havingValue = CacheBackend.REDIS)
class RedisHealth implements HealthIndicator {

	/** Redis is away; the product runs on per-process tokens and limits. */
	static final Status WARNING = new Status("WARNING", "Redis is away: tokens and limits are per process");

	private final RedisLink link;

	RedisHealth(RedisLink link) {
		this.link = link;
	}

	@Override
	public Health health() {
		return link.outageCause()
			.map(cause -> Health.status(WARNING).withDetail("cause", cause).withDetail("fallback", "in-process"))
			.orElseGet(() -> Health.up())
			.build();
	}
}
