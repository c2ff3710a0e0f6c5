package io.switchboard.auth;

import static org.assertj.core.api.Assertions.*;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AuthSettingsTests {

	@Test
	void defaultsWhenNothingIsConfigured() {
		AuthSettings settings = bind(Map.of());

		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void bindsConfiguredTimeouts() {
		AuthSettings settings = bind(Map.of("switchboard.auth.connect-timeout", "2s",
				"switchboard.auth.read-timeout", "4s"));

		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(4));
	}

	static AuthSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("switchboard.auth",
				AuthSettings.class);
	}
}
