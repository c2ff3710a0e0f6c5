package io.switchboard.sandbox;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

/**
 * Refuses to run the sandbox in a production start, before any bean is created (so the sandbox tenant, whose secrets
 * are published in the source, is never written to a production database), naming the setting to remove:
 * <ul>
 * <li>always with the {@code prod} profile;</li>
 * <li>with an external database ({@code switchboard.database.embedded=false}) or a real encryption key
 * ({@code switchboard.encryption-key}), unless {@code switchboard.sandbox.with-production-settings=true} says that
 * the simulators stand in for the platforms in a test or benchmark of the production backends.</li>
 * </ul>
 * It runs before the other start-up checks, so that a production start with the sandbox switched on hears of that
 * first.
 */
final class SandboxGuard implements BeanFactoryPostProcessor, PriorityOrdered {

	static final String PRODUCTION_PROFILE = "prod";
	static final String OVERRIDE = "switchboard.sandbox.with-production-settings";

	private final Environment environment;

	SandboxGuard(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return HIGHEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (environment.matchesProfiles(PRODUCTION_PROFILE)) {
			throw new IllegalStateException("switchboard.sandbox.enabled=true is refused with the '"
					+ PRODUCTION_PROFILE + "' profile: the sandbox's tenant and simulators use secrets published in "
					+ "the source. Remove switchboard.sandbox.enabled (or the '" + PRODUCTION_PROFILE + "' profile)");
		}
		if (environment.getProperty(OVERRIDE, Boolean.class, false)) {
			return;
		}
		List<String> production = new ArrayList<>();
		if (!environment.getProperty("switchboard.database.embedded", Boolean.class, false)) {
			production.add("an external database (switchboard.database.embedded=false)");
		}
		String key = environment.getProperty("switchboard.encryption-key");
		if (key != null && !key.isBlank()) {
			production.add("a real encryption key (switchboard.encryption-key)");
		}
		if (!production.isEmpty()) {
			throw new IllegalStateException("switchboard.sandbox.enabled=true is refused with "
					+ String.join(" and ", production) + ": the sandbox's tenant uses secrets published in the source "
					+ "and would be stored beside production data. Remove switchboard.sandbox.enabled, or set " + OVERRIDE
					+ "=true in a test or benchmark of the production backends");
		}
	}
}
