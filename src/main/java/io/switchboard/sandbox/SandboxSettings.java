package io.switchboard.sandbox;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sandbox ({@code switchboard.sandbox.*}).
 *
 * @param enabled whether the simulators, the sandbox tenant and the pages exist at all.
 * @param publicUrl where browsers and the simulators reach this application; {@code http://localhost:<server.port>}
 *        if not set (see {@link SandboxUrls}).
 * @param genesysTokenLifetime how long the simulated Genesys Cloud OAuth tokens live; 24 hours, Genesys's default,
 *        if not set.
 */
@ConfigurationProperties("switchboard.sandbox")
@ConditionalOnProperty(name = "switchboard.sandbox.enabled", havingValue = "true")
record SandboxSettings(boolean enabled, @Nullable URI publicUrl, Duration genesysTokenLifetime) {

	static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(24);

	SandboxSettings {
		genesysTokenLifetime = genesysTokenLifetime == null ? DEFAULT_TOKEN_LIFETIME : genesysTokenLifetime;
		if (genesysTokenLifetime.isNegative() || genesysTokenLifetime.isZero()) {
			throw new IllegalArgumentException("switchboard.sandbox.genesys-token-lifetime must be positive");
		}
	}
}
