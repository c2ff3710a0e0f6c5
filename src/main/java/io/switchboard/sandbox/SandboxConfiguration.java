package io.switchboard.sandbox;

import io.switchboard.tenant.TenantDeclaration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The sandbox's one switch: with {@code switchboard.sandbox.enabled=true} (the {@code sandbox} profile) this
 * configuration scans the simulators ({@code meta}, {@code genesys}) and the pages ({@code pages}) and declares the
 * sandbox tenant; without it none of them exists. The application's own component scan leaves the sandbox's
 * sub-packages out, so that nothing in them can be created by any other way (see {@code SwitchboardApplication}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(SandboxConfiguration.ENABLED)
@ComponentScan(basePackages = { SandboxConfiguration.META, SandboxConfiguration.GENESYS, SandboxConfiguration.PAGES })
public class SandboxConfiguration {

	/** The property that switches the sandbox on. */
	public static final String ENABLED = "switchboard.sandbox.enabled";

	/** The sub-packages only this configuration scans, as a pattern for the application's component scan to skip. */
	public static final String SUB_PACKAGES = "io\\.switchboard\\.sandbox\\.[a-z]\\w*\\..*";

	static final String META = "io.switchboard.sandbox.meta";
	static final String GENESYS = "io.switchboard.sandbox.genesys";
	static final String PAGES = "io.switchboard.sandbox.pages";

	@Bean
	static SandboxGuard sandboxGuard(Environment environment) {
		return new SandboxGuard(environment);
	}

	@Bean
	SandboxUrls sandboxUrls(SandboxSettings settings, @Value("${server.port:8080}") int serverPort) {
		return new SandboxUrls(settings, serverPort);
	}

	@Bean
	SandboxScheduler sandboxScheduler() {
		return new SandboxScheduler();
	}

	@Bean
	TenantDeclaration sandboxTenantDeclaration(SandboxUrls urls) {
		return SandboxTenant.declaration(urls);
	}
}
