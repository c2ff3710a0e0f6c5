package io.switchboard.whatsapp.client;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Chooses the {@link MessagePacing} adapter by {@link PacingSettings#store()}: {@link SendPacer} in process, or
 * Redis with the in-process pacer as its fallback ({@link FailoverPacing}) over the Lettuce client of Spring Data
 * Redis ({@code spring.data.redis.*}).
 */
@Configuration(proxyBeanMethods = false)
class PacingConfiguration {

	@Bean
	PacingHealth sendPacingHealthIndicator(PacingSettings pacing) {
		return new PacingHealth(pacing, Clock.systemUTC());
	}

	@Bean
	MessagePacing messagePacing(PacingSettings pacing, CloudApiSettings client, PacingHealth health,
			ObjectProvider<LettuceConnectionFactory> redis) {
		SendPacer local = new SendPacer(client);
		if (pacing.store() == PacingSettings.Store.IN_PROCESS) {
			return local;
		}
		LettuceConnectionFactory factory = redis.getIfAvailable();
		if (factory == null) {
			throw new IllegalStateException("switchboard.pacing.store=redis needs Spring Data Redis's Lettuce "
					+ "connection factory (spring.data.redis.*)");
		}
		return new FailoverPacing(() -> RedisPacing.connect(factory.getRequiredNativeClient(), pacing.redisTimeout(),
				client.pairSpacing()), local, health);
	}
}
