package io.switchboard.platform.database;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Without the embedded database the application needs {@code spring.datasource.url}; a start that has neither is
 * refused before any bean is created, with both settings named ({@link DatabaseNotConfigured}), instead of Spring
 * Boot's generic answer about embedded databases it does not ship.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = EmbeddedDatabaseConfiguration.EMBEDDED, havingValue = false, matchIfMissing = true)
class ExternalDatabaseCheck {

	static final String URL = "spring.datasource.url";

	@Bean
	static BeanFactoryPostProcessor externalDatabaseConfigured(Environment environment) {
		return beanFactory -> {
			String url = environment.getProperty(URL);
			if (url == null || url.isBlank()) {
				throw new DatabaseNotConfigured();
			}
		};
	}
}
