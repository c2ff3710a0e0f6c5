package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.harness.ModuleDatabase;
import io.switchboard.platform.web.ProblemType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway with the modules it guards directly (platform, tenant), over real HTTP: who may call what, and every
 * refusal a problem of the catalogue with the edge's headers.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES, webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayModuleTests {

	private static final String TENANT_KEY = "harbour-api-key-9d8c7b6a";
	private static final String ADMIN_KEY = "harbour-admin-key-1a2b3c4d";
	private static final String T = "switchboard.tenants[0].";
	private static final String KEY = randomKey();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void declared(DynamicPropertyRegistry registry) {
		ModuleDatabase.register(registry);
		registry.add("switchboard.encryption-key", () -> KEY);
		registry.add("switchboard.admin.api-key", () -> ADMIN_KEY);
		registry.add(T + "id", () -> "harbour");
		registry.add(T + "api-key", () -> TENANT_KEY);
		registry.add(T + "whatsapp.phone-number-id", () -> "100000000000081");
		registry.add(T + "whatsapp.access-token", () -> "harbour-access-token");
		registry.add(T + "whatsapp.app-secret", () -> "harbour-app-secret-81a2b3c4");
		registry.add(T + "whatsapp.verify-token", () -> "harbour-verify-token-81");
		registry.add(T + "genesys.region", () -> "mypurecloud.de");
		registry.add(T + "genesys.client-id", () -> "harbour-client");
		registry.add(T + "genesys.client-secret", () -> "harbour-client-secret");
		registry.add(T + "genesys.integration-id", () -> "f0f0f0f0-8888-4888-8888-888888888888");
		registry.add(T + "genesys.webhook-secret", () -> "harbour-genesys-webhook-secret-8888");
	}

	@Test
	void aTenantIsServedWithItsOwnKeyOnly() throws Exception {
		assertThat(tenantApi("harbour", "Bearer " + TENANT_KEY).statusCode()).isEqualTo(200);
		assertThat(tenantApi("harbour", "Bearer " + ADMIN_KEY).statusCode()).as("the admin key").isEqualTo(401);
		assertThat(tenantApi("elsewhere", "Bearer " + TENANT_KEY).statusCode()).as("another tenant").isEqualTo(401);
		assertThat(tenantApi(null, "Bearer " + TENANT_KEY).statusCode()).as("no tenant named").isEqualTo(401);
	}

	@Test
	void aRefusalIsAProblemOfTheCatalogueWithTheEdgesHeaders() throws Exception {
		HttpResponse<String> refused = tenantApi("harbour", "Bearer wrong-key-000000000");

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.body()).contains("\"type\":\"" + ProblemType.UNAUTHENTICATED.uri() + "\"")
				.doesNotContain("wrong-key");
		assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(refused.headers().firstValue("Cache-Control")).hasValueSatisfying(
				value -> assertThat(value).contains("no-store"));
		assertThat(refused.headers().firstValue("Content-Security-Policy")).isPresent();
	}

	@Test
	void aPathNobodyServesIsANotFoundProblem() throws Exception {
		HttpResponse<String> missing = http.send(HttpRequest.newBuilder(url("/no-such-page")).GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains(ProblemType.NOT_FOUND.uri().toString()).doesNotContain("Whitelabel")
				.doesNotContain("\tat ");
	}

	private HttpResponse<String> tenantApi(String tenant, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url("/api/tenant")).header("Authorization", authorization)
				.GET();
		if (tenant != null) {
			request.header("X-Tenant-ID", tenant);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}
}
