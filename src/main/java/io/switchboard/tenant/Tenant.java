package io.switchboard.tenant;

import java.util.Objects;

/**
 * A business served by Switchboard.
 *
 * @param id stable identifier, used in URLs, the {@code X-Tenant-ID} header and logs.
 * @param name display name.
 * @param sandbox whether this tenant is wired to the built-in simulators.
 * @param whatsapp the WhatsApp Business account.
 * @param genesys the Genesys Cloud Open Messaging integration.
 */
public record Tenant(String id, String name, boolean sandbox, WhatsAppAccount whatsapp, GenesysAccount genesys) {

	public Tenant {
		Objects.requireNonNull(id, "tenant id must not be null");
		if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
			throw new IllegalArgumentException("tenant id must be lowercase letters, digits and dashes: " + id);
		}
		name = name == null || name.isBlank() ? id : name;
		Objects.requireNonNull(whatsapp, "tenant " + id + " needs a whatsapp account");
		Objects.requireNonNull(genesys, "tenant " + id + " needs a genesys account");
	}
}
