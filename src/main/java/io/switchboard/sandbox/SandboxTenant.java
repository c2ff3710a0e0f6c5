package io.switchboard.sandbox;

import io.switchboard.platform.Secret;
import io.switchboard.tenant.GenesysAccount;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantDeclaration;
import io.switchboard.tenant.WhatsAppAccount;

/**
 * The sandbox tenant: a WhatsApp number and a Genesys Cloud integration that exist only in the simulators of this
 * module. The values are the fixtures of the conformance corpus; the simulators learn them back from the tenant
 * registry, as if they had issued them. The tenant exists only while the sandbox runs (the tenant registry deactivates
 * it otherwise), and never with the {@code prod} profile ({@link SandboxGuard}). Declared by
 * {@link SandboxConfiguration}.
 */
public final class SandboxTenant {

	public static final String ID = "sandbox";
	public static final String API_KEY = "sandbox-api-key";

	public static final String PHONE_NUMBER_ID = "100000000000001";
	public static final String DISPLAY_PHONE_NUMBER = "15550100001";
	public static final String WABA_ID = "300000000000001";
	public static final String META_ACCESS_TOKEN = "sandbox-meta-access-token";
	public static final String META_APP_SECRET = "6f1d2a9c4b7e0f3a8d5c2b9e6a1f4d7c";
	public static final String META_VERIFY_TOKEN = "sandbox-verify-token";
	public static final String GRAPH_VERSION = "v23.0";

	public static final String GENESYS_CLIENT_ID = "sandbox-genesys-client";
	public static final String GENESYS_CLIENT_SECRET = "sandbox-genesys-client-secret";
	public static final String GENESYS_INTEGRATION_ID = "5f0c2b1e-8d3a-4e6f-9b7c-1a2d3e4f5a6b";
	public static final String GENESYS_WEBHOOK_SECRET = "gc-sandbox-webhook-secret-Q8v3Rt6yZp1Lm4Nx";

	private SandboxTenant() {
	}

	/**
	 * @return the sandbox tenant, its base URLs pointing at the simulators under {@code urls}.
	 */
	public static TenantDeclaration declaration(SandboxUrls urls) {
		WhatsAppAccount whatsapp = new WhatsAppAccount(PHONE_NUMBER_ID, DISPLAY_PHONE_NUMBER, WABA_ID,
				Secret.of(META_ACCESS_TOKEN), Secret.of(META_APP_SECRET), Secret.of(META_VERIFY_TOKEN),
				urls.resolve("/sandbox/meta/graph"), GRAPH_VERSION, 80);
		GenesysAccount genesys = new GenesysAccount(null, urls.resolve("/sandbox/genesys/login"),
				urls.resolve("/sandbox/genesys/api"), GENESYS_CLIENT_ID, Secret.of(GENESYS_CLIENT_SECRET),
				GENESYS_INTEGRATION_ID, Secret.of(GENESYS_WEBHOOK_SECRET));
		return new TenantDeclaration(new Tenant(ID, "Sandbox", true, whatsapp, genesys), Secret.of(API_KEY));
	}
}
