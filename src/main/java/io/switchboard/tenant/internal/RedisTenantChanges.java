package io.switchboard.tenant.internal;

import io.switchboard.cache.CacheBackend;
import io.switchboard.cache.RedisLink;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Tenant changes through Redis: the lookup keys are written as plain strings, then this process's id is published on
 * {@value #CHANNEL}; every other process subscribed to it reloads its snapshot from PostgreSQL (a process ignores its
 * own notices). Notices published while a process was cut off from Redis are lost, so when Redis answers again it
 * subscribes (if Redis was away at start-up), writes the keys it stored last again (a restarted Redis lost them) and
 * reloads.
 */
@Component
@ConditionalOnProperty(name = CacheBackend.PROPERTY, havingValue = CacheBackend.REDIS)
class RedisTenantChanges implements TenantChangeFeed, DisposableBean {

	/** The channel tenant change notices are published on. */
	static final String CHANNEL = "switchboard:tenants:changed";

	private static final Logger log = LoggerFactory.getLogger(RedisTenantChanges.class);

	private final RedisLink redis;
	private final String process = UUID.randomUUID().toString();
	private @Nullable MessageListener listener;
	private volatile Map<String, String> lastKeys = Map.of();
	private @Nullable RedisMessageListenerContainer listeners;

	RedisTenantChanges(RedisLink redis) {
		this.redis = redis;
	}

	@Override
	public void stored(Map<String, String> keys, Set<String> gone) {
		lastKeys = Map.copyOf(keys);
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
		listener = (message, pattern) -> {
			if (!process.equals(new String(message.getBody(), StandardCharsets.UTF_8))) {
				guarded.run();
			}
		};
		redis.onReconnect(() -> {
			listen();
			rewriteKeys();
			guarded.run();
		});
		listen();
	}

	/**
	 * Writes the keys this process stored last again, without a notice: a Redis that was restarted has lost them.
	 */
	private void rewriteKeys() {
		Map<String, String> keys = lastKeys;
		if (!keys.isEmpty()) {
			redis.attempt("rewriting tenant keys", r -> {
				r.opsForValue().multiSet(keys);
				return true;
			});
		}
	}

	/**
	 * Subscribes, unless subscribed; when Redis is away (at start-up) it is tried again once Redis answers.
	 */
	private synchronized void listen() {
		if (listeners != null || listener == null) {
			return;
		}
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(redis.connections());
		container.setRecoveryInterval(RedisLink.RETRY_AFTER.toMillis());
		container.addMessageListener(listener, new ChannelTopic(CHANNEL));
		container.afterPropertiesSet();
		try {
			container.start();
			listeners = container;
		}
		catch (RuntimeException away) {
			log.warn("Not subscribed to {}: Redis is away ({}); subscribing once it is back", CHANNEL,
					away.getClass().getSimpleName());
			destroy(container);
		}
	}

	@Override
	public synchronized void destroy() {
		if (listeners != null) {
			destroy(listeners);
			listeners = null;
		}
	}

	private static void destroy(RedisMessageListenerContainer container) {
		try {
			container.destroy();
		}
		catch (Exception ignored) {
			log.debug("Closing a Redis subscription failed", ignored);
		}
	}
}
