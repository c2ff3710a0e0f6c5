package io.switchboard.gateway;

import io.switchboard.platform.Secret;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key of the management endpoints ({@code switchboard.management}): what a Prometheus scraper presents to read
 * {@code /actuator/prometheus} and the other actuator endpoints besides health. The admin key opens them too; this
 * one opens nothing else, so a scraper never holds the admin key. Without it (and without an admin key) only
 * {@code /actuator/health} answers, with its status only.
 *
 * @param apiKey presented as {@code Authorization: Bearer <key>}; at least {@value AdminSettings#MIN_KEY_LENGTH}
 *        characters, refused at start-up otherwise. Blank means none.
 */
@ConfigurationProperties("switchboard.management")
record ManagementSettings(@Nullable Secret apiKey) {

	ManagementSettings {
		apiKey = apiKey == null || apiKey.isBlank() ? null
				: apiKey.requireLength(AdminSettings.MIN_KEY_LENGTH, "switchboard.management.api-key");
	}
}
