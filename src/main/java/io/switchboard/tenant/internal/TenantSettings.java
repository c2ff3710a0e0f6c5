package io.switchboard.tenant.internal;

import io.switchboard.platform.Secret;
import io.switchboard.tenant.GenesysAccount;
import io.switchboard.tenant.WhatsAppAccount;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tenants declared in configuration and the key their secrets are encrypted with ({@code switchboard.*}).
 *
 * @param encryptionKey base64 of 32 random bytes (AES-256-GCM). Without it only sandbox tenants can be stored.
 * @param tenants the declared tenants.
 */
@ConfigurationProperties("switchboard")
record TenantSettings(@Nullable Secret encryptionKey, List<Declared> tenants) {

	TenantSettings {
		tenants = tenants == null ? List.of() : List.copyOf(tenants);
	}

	/**
	 * One tenant as declared in configuration.
	 */
	record Declared(String id, @Nullable String name, boolean sandbox, @Nullable Secret apiKey,
			WhatsAppAccount whatsapp, GenesysAccount genesys) {}
}
