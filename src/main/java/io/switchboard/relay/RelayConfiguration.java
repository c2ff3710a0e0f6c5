package io.switchboard.relay;

import io.switchboard.conversation.SendPolicies;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relay's decisions that are not components of their own: the send policies, checked on the system clock.
 */
@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

	@Bean
	SendPolicies sendPolicies() {
		return SendPolicies.standard(Clock.systemUTC());
	}
}
