package io.switchboard.auth;

import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the real {@link GenesysTokens} for tests outside this package (its implementation is package-private).
 */
public final class TestTokens {

	private TestTokens() {}

	/**
	 * @param meters must not be {@literal null}.
	 */
	public static GenesysTokens clientCredentials(MeterRegistry meters) {
		return new ClientCredentialsTokens(new AuthSettings(Duration.ofSeconds(1), Duration.ofSeconds(2)),
				JsonMapper.builder().build(), meters, new InProcessTokenStore(Clock.systemUTC()));
	}
}
