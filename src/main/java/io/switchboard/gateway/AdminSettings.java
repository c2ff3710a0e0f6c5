package io.switchboard.gateway;

import io.switchboard.platform.Secret;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operators' key to the admin API under {@code /api/admin/} ({@code switchboard.admin}). There is no default
 * key: without one (or with a blank one) the admin API answers every call with 403. A key shorter than
 * {@link #MIN_KEY_LENGTH} characters is refused at start-up.
 *
 * @param apiKey what operators present as {@code Authorization: Bearer <key>}; never a tenant's key. It also opens
 *        the management endpoints.
 * @param name who the key's holder is in the log and in the records of what they did; {@code admin} by default.
 */
@ConfigurationProperties("switchboard.admin")
record AdminSettings(@Nullable Secret apiKey, String name) {

	/** The fewest characters an admin or management key may have. */
	static final int MIN_KEY_LENGTH = 16;

	AdminSettings {
		apiKey = apiKey == null || apiKey.isBlank() ? null
				: apiKey.requireLength(MIN_KEY_LENGTH, "switchboard.admin.api-key");
		name = name == null || name.isBlank() ? "admin" : name;
	}
}
