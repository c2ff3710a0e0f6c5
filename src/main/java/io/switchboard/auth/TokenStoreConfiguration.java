package io.switchboard.auth;

import io.switchboard.cache.CacheBackend;
import io.switchboard.cache.RedisLink;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the {@link TokenStore} with {@value CacheBackend#PROPERTY}: in the process (the default) or on Redis.
 */
@Configuration(proxyBeanMethods = false)
class TokenStoreConfiguration {

	@Bean
	@ConditionalOnProperty(name = CacheBackend.PROPERTY, havingValue = CacheBackend.IN_PROCESS, matchIfMissing = true)
	TokenStore inProcessTokenStore() {
		return new InProcessTokenStore(Clock.systemUTC());
	}

	@Bean
	@ConditionalOnProperty(name = CacheBackend.PROPERTY, havingValue = CacheBackend.REDIS)
	TokenStore redisTokenStore(RedisLink redis) {
		return new RedisTokenStore(redis, Clock.systemUTC());
	}
}
