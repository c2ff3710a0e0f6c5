package io.switchboard.work.internal.rabbit;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With the database transport (the default) nothing may talk to RabbitMQ. Spring Boot's RabbitMQ auto-configuration
 * is on the class path for the other transport; its connection factory, template and admin connect lazily and stay
 * idle, but its health contributor would open a connection on every health check, and so report the application DOWN
 * (or answer only after the connect time-out) where no broker runs. It is removed here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "switchboard.work.transport", havingValue = "database", matchIfMissing = true)
class RabbitUnusedConfiguration {

	static final String[] RABBIT_HEALTH = { "rabbitHealthContributor", "rabbitHealthIndicator" };

	@Bean
	static BeanDefinitionRegistryPostProcessor withoutRabbitHealth() {
		return new BeanDefinitionRegistryPostProcessor() {
			@Override
			public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
				for (String name : RABBIT_HEALTH) {
					if (registry.containsBeanDefinition(name)) {
						registry.removeBeanDefinition(name);
					}
				}
			}
		};
	}
}
