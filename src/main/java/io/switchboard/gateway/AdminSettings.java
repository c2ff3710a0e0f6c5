package io.switchboard.gateway;

import io.switchboard.platform.Secret;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operators' key to the admin API under {@code /api/admin/} ({@code switchboard.admin}). There is no default
 * key: without one the admin API answers every call with 403.
 *
 * @param apiKey what operators present as {@code Authorization: Bearer <key>}; never a tenant's key.
 * @param name who the key's holder is in the log and in the records of what they did; {@code admin} by default.
 */
@ConfigurationProperties("switchboard.admin")
record AdminSettings(@Nullable Secret apiKey, String name) {

	AdminSettings {
		apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
		name = name == null || name.isBlank() ? "admin" : name;
	}
}
