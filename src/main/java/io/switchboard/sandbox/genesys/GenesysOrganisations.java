package io.switchboard.sandbox.genesys;

import io.switchboard.sandbox.SandboxUrls;
import io.switchboard.tenant.GenesysAccount;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.Tenants;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The Genesys Cloud organisations the simulator hosts, with their OAuth clients and Open Messaging integrations, as if
 * the simulator had issued them: every sandbox tenant, and any other tenant whose Genesys base URLs point at the
 * simulator ({@code …/sandbox/genesys/login}, {@code …/sandbox/genesys/api}), such as a second tenant in tests.
 */
@Component
class GenesysOrganisations {

	static final String LOGIN_PATH = "/sandbox/genesys/login";
	static final String API_PATH = "/sandbox/genesys/api";

	private final Tenants tenants;

	GenesysOrganisations(Tenants tenants) {
		this.tenants = tenants;
	}

	Optional<Tenant> byClientId(String clientId) {
		return tenants.all().stream().filter(GenesysOrganisations::hosted)
				.filter(t -> t.genesys().clientId().equals(clientId)).findFirst();
	}

	Optional<Tenant> byIntegrationId(String integrationId) {
		return tenants.all().stream().filter(GenesysOrganisations::hosted)
				.filter(t -> t.genesys().integrationId().equals(integrationId)).findFirst();
	}

	static boolean hosted(Tenant tenant) {
		GenesysAccount genesys = tenant.genesys();
		return tenant.sandbox() || (SandboxUrls.pathOf(genesys.loginBaseUrl()).equals(LOGIN_PATH)
				&& SandboxUrls.pathOf(genesys.apiBaseUrl()).equals(API_PATH));
	}

}
