package io.switchboard.sandbox;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Refuses to run the sandbox in a production start: with the {@code prod} profile active, start-up stops before any
 * bean is created (so the sandbox tenant, whose secrets are published in the source, is never written to a
 * production database), naming the setting to remove.
 */
final class SandboxGuard implements BeanFactoryPostProcessor {

	static final String PRODUCTION_PROFILE = "prod";

	private final Environment environment;

	SandboxGuard(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (environment.matchesProfiles(PRODUCTION_PROFILE)) {
			throw new IllegalStateException("switchboard.sandbox.enabled=true is refused with the '"
					+ PRODUCTION_PROFILE + "' profile: the sandbox's tenant and simulators use secrets published in "
					+ "the source. Remove switchboard.sandbox.enabled (or the '" + PRODUCTION_PROFILE + "' profile)");
		}
	}
}
