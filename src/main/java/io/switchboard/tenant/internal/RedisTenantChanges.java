package io.switchboard.tenant.internal;

import io.switchboard.cache.CacheBackend;
import io.switchboard.cache.RedisLink;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Tenant changes through Redis: the lookup keys are written as plain strings, then this process's id is published on
 * {@value #CHANNEL}; every other process subscribed to it reloads its snapshot from PostgreSQL (a process ignores its
 * own notices). Notices published while a process was cut off from Redis are lost, so it also reloads when Redis
 * answers again.
 */
@Component
@ConditionalOnProperty(name = CacheBackend.PROPERTY, havingValue = CacheBackend.REDIS)
class RedisTenantChanges implements TenantChangeFeed, DisposableBean {

	/** The channel tenant change notices are published on. */
	static final String CHANNEL = "switchboard:tenants:changed";

	private static final Logger log = LoggerFactory.getLogger(RedisTenantChanges.class);

	private final RedisLink redis;
	private final String process = UUID.randomUUID().toString();
	private final RedisMessageListenerContainer listeners = new RedisMessageListenerContainer();

	RedisTenantChanges(RedisLink redis) {
		this.redis = redis;
		listeners.setConnectionFactory(redis.connections());
		listeners.setRecoveryInterval(RedisLink.RETRY_AFTER.toMillis());
		listeners.afterPropertiesSet();
	}

	@Override
	public void stored(Map<String, String> keys, Set<String> gone) {
		boolean published = redis.attempt("publishing a tenant change", r -> {
			if (!keys.isEmpty()) {
				r.opsForValue().multiSet(keys);
			}
			if (!gone.isEmpty()) {
				r.delete(gone);
			}
			r.convertAndSend(CHANNEL, process);
			return true;
		}).orElse(false);
		if (!published) {
			log.warn("Tenant change not published: Redis is away; other processes reload when it is back");
		}
	}

	@Override
	public void onChange(Runnable reload) {
		Runnable guarded = () -> {
			try {
				reload.run();
			}
			catch (RuntimeException failure) {
				log.error("Reloading tenants after a change of another process failed", failure);
			}
		};
		listeners.addMessageListener((message, pattern) -> {
			if (!process.equals(new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8))) {
				guarded.run();
			}
		}, new ChannelTopic(CHANNEL));
		redis.onReconnect(guarded);
		if (!listeners.isRunning()) {
			listeners.start();
		}
	}

	@Override
	public void destroy() throws Exception {
		listeners.destroy();
	}
}
