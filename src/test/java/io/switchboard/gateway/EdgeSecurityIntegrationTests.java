package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The HTTP edge over real HTTP: every spelling of a protected path is refused before a controller, the tenants' and
 * the admin's keys open only their own surfaces, and the management endpoints need a key.
 */
@ExtendWith(OutputCaptureExtension.class)
class EdgeSecurityIntegrationTests extends AbstractIntegrationTests {

	@Test
	void spellingsOfProtectedPathsThatSpringMvcWouldMatchAreRefusedAsProblemsWithoutAStackTrace(CapturedOutput output)
			throws Exception {
		List<String> gets = List.of("/api;/tenant", "/api/tenant;x=1", "/%61pi/tenant", "/api%2Ftenant",
				"/api%2ftenant", "/api/%2e%2e/api/tenant", "/api//tenant", "/api/admin;/work/backlog",
				"/api/%61dmin/work/backlog");
		for (String path : gets) {
			assertRefused(send(HttpRequest.newBuilder(raw(path)).GET()), path);
		}
		for (String path : List.of("/whatsapp;/send/text", "/genesys;/receipts", "/genesys/receipts;",
				"/genesys%2Freceipts", "/whatsapp/send%2Ftext", "/genesys;/messages/inbound")) {
			assertRefused(send(HttpRequest.newBuilder(raw(path)).header("Content-Type", "application/json")
					.header("X-Tenant-ID", "sandbox").POST(HttpRequest.BodyPublishers.ofString("{}"))), path);
		}
		assertThat(send(HttpRequest.newBuilder(raw("/%61pi/tenant")).GET()).statusCode())
				.as("a decoded spelling reaches the tenant API's chain").isEqualTo(401);
		assertThat(send(HttpRequest.newBuilder(raw("/%61pi/tenant")).header("X-Tenant-ID", "sandbox")
				.header("Authorization", "Bearer " + SANDBOX_API_KEY).GET()).statusCode()).isEqualTo(200);
		assertThat(output).doesNotContain("internal-error").doesNotContain("\tat io.switchboard")
				.doesNotContain("no authenticated");
	}

	@Test
	void tenantsAuthenticateWithTheirKeyAsBearerOrXApiKeyAndNothingElse() throws Exception {
		assertThat(tenant("Authorization", "Bearer " + SANDBOX_API_KEY, "sandbox").statusCode()).isEqualTo(200);
		assertThat(tenant("Authorization", "bearer " + SANDBOX_API_KEY, "sandbox").statusCode()).isEqualTo(200);
		assertThat(tenant("X-API-Key", SANDBOX_API_KEY, "sandbox").statusCode()).isEqualTo(200);
		assertThat(tenant("X-API-Key", "", "sandbox").statusCode()).isEqualTo(401);
		assertThat(tenant("X-API-Key", ACME_API_KEY, "sandbox").statusCode()).isEqualTo(401);
		assertThat(tenant("X-API-Key", SANDBOX_API_KEY, "nobody").statusCode()).isEqualTo(401);
		assertThat(tenant("X-API-Key", SANDBOX_API_KEY, null).statusCode()).isEqualTo(401);
		HttpResponse<String> admin = tenant("Authorization", "Bearer " + ADMIN_API_KEY, "sandbox");
		assertThat(admin.statusCode()).isEqualTo(401);
		assertThat(admin.body()).contains("/problems/unauthenticated").contains("cannot act for a tenant");
		assertThat(admin.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(tenant("X-API-Key", MANAGEMENT_API_KEY, "sandbox").statusCode()).isEqualTo(401);
	}

	@Test
	void theAdminApiTakesTheAdminKeyOnlyAndTenantsKeysNever() throws Exception {
		HttpRequest.Builder backlog = HttpRequest.newBuilder(url("/api/admin/work/backlog")).GET();
		assertThat(send(backlog.copy().header("Authorization", "Bearer " + ADMIN_API_KEY)).statusCode())
				.isEqualTo(200);
		assertThat(send(backlog.copy().header("X-Tenant-ID", "sandbox").header("Authorization",
				"Bearer " + ADMIN_API_KEY)).statusCode()).isEqualTo(200);
		HttpResponse<String> tenantKey = send(backlog.copy().header("X-Tenant-ID", "sandbox")
				.header("Authorization", "Bearer " + SANDBOX_API_KEY));
		assertThat(tenantKey.statusCode()).isEqualTo(401);
		assertThat(tenantKey.body()).contains("/problems/unauthenticated");
		assertThat(send(backlog.copy()).statusCode()).isEqualTo(401);
		assertThat(send(backlog.copy().header("Authorization", "Bearer " + MANAGEMENT_API_KEY)).statusCode())
				.isEqualTo(401);
	}

	@Test
	void prometheusMetricsAndTheOtherManagementEndpointsNeedTheManagementOrAdminKey() throws Exception {
		for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator",
				"/actuator/info")) {
			HttpResponse<String> anonymous = send(HttpRequest.newBuilder(url(path)).GET());
			assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
			assertThat(anonymous.body()).as(path).contains("/problems/unauthenticated")
					.contains("switchboard.management.api-key");
			assertThat(send(HttpRequest.newBuilder(url(path)).header("X-Tenant-ID", "sandbox")
					.header("Authorization", "Bearer " + SANDBOX_API_KEY).GET()).statusCode()).as(path).isEqualTo(401);
		}
		HttpResponse<String> scraped = send(management("/actuator/prometheus").GET());
		assertThat(scraped.statusCode()).isEqualTo(200);
		assertThat(scraped.body()).contains("jvm_");
		assertThat(send(HttpRequest.newBuilder(url("/actuator/prometheus"))
				.header("Authorization", "Bearer " + ADMIN_API_KEY).GET()).statusCode()).isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(url("/actuator/prometheus"))
				.header("Authorization", "Bearer not-the-key").GET()).statusCode()).isEqualTo(401);
	}

	@Test
	void healthAndItsProbesAreOpenButShowOnlyTheirStatusWithoutAKey() throws Exception {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> anonymous = send(HttpRequest.newBuilder(url(path)).GET());
			assertThat(anonymous.statusCode()).as(path).isEqualTo(200);
			assertThat(anonymous.body()).as(path).contains("\"status\":\"UP\"").doesNotContain("components")
					.doesNotContain("details");
		}
		assertThat(send(management("/actuator/health").GET()).body()).contains("\"components\"")
				.contains("\"db\"");
	}

	@Test
	void webhooksNeedNoKeyAndNoCsrfTokenTheirControllersCheckTheSignature() throws Exception {
		HttpResponse<String> unsigned = send(HttpRequest.newBuilder(url("/webhook/whatsapp"))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(unsigned.statusCode()).isEqualTo(401);
		assertThat(unsigned.body()).contains("/problems/invalid-signature");
	}

	@Test
	void theOpenApiDescriptionIsServedOutsideProduction() throws Exception {
		assertThat(send(HttpRequest.newBuilder(url("/v3/api-docs")).GET()).statusCode()).isEqualTo(200);
	}

	private void assertRefused(HttpResponse<String> response, String path) {
		assertThat(response.statusCode()).as(path).isIn(400, 401);
		assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
		assertThat(response.body()).as(path).containsAnyOf("/problems/unauthenticated", "/problems/invalid-request");
	}

	private HttpResponse<String> tenant(String header, String key, String tenantId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url("/api/tenant")).header(header, key).GET();
		if (tenantId != null) {
			request.header("X-Tenant-ID", tenantId);
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI raw(String path) {
		return URI.create("http://localhost:" + PORT + path);
	}
}
