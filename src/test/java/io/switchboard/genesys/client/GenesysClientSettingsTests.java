package io.switchboard.genesys.client;

import static org.assertj.core.api.Assertions.*;

import io.switchboard.platform.http.Backoff;
import io.switchboard.platform.http.HttpSettings;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GenesysClientSettingsTests {

	@Test
	void defaultsWhenNothingIsConfigured() {
		GenesysClientSettings settings = bind(Map.of("switchboard.genesys.other", "x"));

		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.maxAttempts()).isEqualTo(4);
		assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(200));
		assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.maxRetryAfterWait()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void bindsConfiguredValues() {
		GenesysClientSettings settings = bind(Map.of("switchboard.genesys.request-timeout", "3s",
				"switchboard.genesys.max-attempts", "6", "switchboard.genesys.initial-backoff", "50ms",
				"switchboard.genesys.max-retry-after-wait", "1m"));

		assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(settings.maxAttempts()).isEqualTo(6);
		assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(50));
		assertThat(settings.maxRetryAfterWait()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void handsItsTimeoutsAndBackoffToTheHttpCore() {
		HttpSettings http = new GenesysClientSettings(null, null, 0, null, null, null).http();

		assertThat(http.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(http.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(http.maxAttempts()).isEqualTo(4);
		assertThat(http.backoff()).isEqualTo(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)));
		assertThat(http.maxRetryAfterWait()).isEqualTo(Duration.ofSeconds(30));
	}

	static GenesysClientSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("switchboard.genesys", GenesysClientSettings.class);
	}
}
