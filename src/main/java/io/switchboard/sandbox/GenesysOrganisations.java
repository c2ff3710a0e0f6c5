package io.switchboard.sandbox;

import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;

import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The Genesys Cloud organisations the simulator hosts: one per sandbox tenant, with that tenant's OAuth client and
 * Open Messaging integration, as if the simulator had issued them.
 */
@Component
@ConditionalOnProperty(name = "switchboard.sandbox.enabled", havingValue = "true")
class GenesysOrganisations {

	private final Tenants tenants;

	GenesysOrganisations(Tenants tenants) {
		this.tenants = tenants;
	}

	Optional<Tenant> byClientId(String clientId) {
		return tenants.all().stream().filter(Tenant::sandbox)
				.filter(t -> t.genesys().clientId().equals(clientId)).findFirst();
	}

	Optional<Tenant> byIntegrationId(String integrationId) {
		return tenants.all().stream().filter(Tenant::sandbox)
				.filter(t -> t.genesys().integrationId().equals(integrationId)).findFirst();
	}
}
