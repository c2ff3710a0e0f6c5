package io.switchboard.whatsapp.client;

import static org.assertj.core.api.Assertions.*;

import io.switchboard.platform.http.Backoff;
import io.switchboard.platform.http.HttpSettings;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class CloudApiSettingsTests {

	@Test
	void defaultsWhenNothingIsConfigured() {
		CloudApiSettings settings = bind(Map.of("switchboard.whatsapp.client.other", "x"));

		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
		assertThat(settings.maxAttempts()).isEqualTo(4);
		assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(250));
		assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(4));
		assertThat(settings.pairRateBackoff()).isEqualTo(Duration.ofSeconds(6));
		assertThat(settings.pairSpacing()).isZero();
	}

	@Test
	void bindsConfiguredValues() {
		CloudApiSettings settings = bind(Map.of("switchboard.whatsapp.client.request-timeout", "30s",
				"switchboard.whatsapp.client.max-attempts", "6", "switchboard.whatsapp.client.pair-rate-backoff",
				"10s", "switchboard.whatsapp.client.pair-spacing", "500ms"));

		assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.maxAttempts()).isEqualTo(6);
		assertThat(settings.pairRateBackoff()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.pairSpacing()).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void neverWaitsLessThanWhatsAppsPairRateBackoff() {
		CloudApiSettings settings = bind(Map.of("switchboard.whatsapp.client.pair-rate-backoff", "1s"));

		assertThat(settings.pairRateBackoff()).isEqualTo(Duration.ofSeconds(6));
	}

	@Test
	void handsItsTimeoutsAndBackoffToTheHttpCore() {
		HttpSettings http = new CloudApiSettings(null, null, 0, null, null, null, null).http();

		assertThat(http.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(http.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
		assertThat(http.maxAttempts()).isEqualTo(4);
		assertThat(http.backoff()).isEqualTo(new Backoff(Duration.ofMillis(250), Duration.ofSeconds(4)));
		assertThat(http.maxRetryAfterWait()).as("a longer Retry-After is handed back").isEqualTo(Duration.ofSeconds(4));
	}

	static CloudApiSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("switchboard.whatsapp.client", CloudApiSettings.class);
	}
}
