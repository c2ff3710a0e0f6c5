package io.switchboard.cache;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce as the product needs it: while the connection is down commands fail at once (instead of being queued until
 * it is back), so callers fall back to their in-process adapters; the client reconnects by itself. In-process, Spring
 * Boot's Redis health contributor is removed: it would try to reach a Redis nobody runs.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	static final String[] BOOT_REDIS_HEALTH = { "redisHealthContributor", "redisHealthIndicator" };

	@Bean
	@ConditionalOnProperty(name = CacheBackend.PROPERTY, havingValue = CacheBackend.REDIS)
	LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
		return options -> options.autoReconnect(true)
			.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
	}

	@Bean
	@ConditionalOnProperty(name = CacheBackend.PROPERTY, havingValue = CacheBackend.IN_PROCESS, matchIfMissing = true)
	static BeanDefinitionRegistryPostProcessor withoutRedisHealth() {
		return new BeanDefinitionRegistryPostProcessor() {
			@Override
			public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
				for (String name : BOOT_REDIS_HEALTH) {
					if (registry.containsBeanDefinition(name)) {
						registry.removeBeanDefinition(name);
					}
				}
			}
		};
	}
}
