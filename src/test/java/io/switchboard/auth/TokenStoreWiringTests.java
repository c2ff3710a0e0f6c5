package io.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.switchboard.cache.RedisLink;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@code switchboard.cache} chooses the token store, and with it the Redis wiring: in-process by default without any
 * Redis health (Spring Boot's would report a Redis nobody runs), Redis with the {@code redis} health component and a
 * client that rejects commands while disconnected.
 */
class TokenStoreWiringTests {

	final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				DataRedisHealthContributorAutoConfiguration.class))
		.withUserConfiguration(Wiring.class);

	@Test
	void keepsTokensInTheProcessByDefault() {
		context.run(app -> {
			assertThat(app).hasSingleBean(TokenStore.class).doesNotHaveBean(RedisLink.class);
			assertThat(app.getBean(TokenStore.class)).isInstanceOf(InProcessTokenStore.class);
			assertThat(app).doesNotHaveBean("redisHealthContributor").doesNotHaveBean("redisHealthIndicator");
		});
	}

	@Test
	void sharesTokensThroughRedisWhenConfigured() {
		context.withPropertyValues("switchboard.cache=redis", "spring.data.redis.port=1").run(app -> {
			assertThat(app.getBean(TokenStore.class)).isInstanceOf(RedisTokenStore.class);
			assertThat(app).hasBean("redisHealthIndicator").doesNotHaveBean("redisHealthContributor");
			assertThat(app.getBean(LettuceConnectionFactory.class).getClientConfiguration().getClientOptions())
				.hasValueSatisfying(options -> assertThat(options.getDisconnectedBehavior())
					.isEqualTo(DisconnectedBehavior.REJECT_COMMANDS));
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ComponentScan("io.switchboard.cache")
	@Import(TokenStoreConfiguration.class)
	static class Wiring {
	}
}
