package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Configuration that cannot be wrong silently: each mistake stops a real start of the application with the setting
 * named, and tenants no longer declared stop working.
 */
class StartupChecksTests {

	private static final String TENANT = "switchboard.tenants[0].";
	private static final String SOLO_KEY = "solo-api-key-2f8e1d9c";

	private final String encryptionKey = randomKey();

	@Test
	void theSandboxRefusesToStartWithTheProdProfile() {
		assertThat(failureOf(Map.of("spring.profiles.active", "prod", "switchboard.sandbox.enabled", "true")))
				.contains("switchboard.sandbox.enabled=true is refused with the 'prod' profile");
	}

	@Test
	void theSandboxRefusesToStartBesideARealEncryptionKeyOrAnExternalDatabase() {
		assertThat(failureOf(Map.of("switchboard.sandbox.with-production-settings", "false")))
				.contains("switchboard.sandbox.enabled=true is refused with a real encryption key "
						+ "(switchboard.encryption-key)")
				.contains("switchboard.sandbox.with-production-settings=true")
				.doesNotContain(encryptionKey);
		assertThat(failureOf(Map.of("switchboard.sandbox.with-production-settings", "false",
				"switchboard.encryption-key", "", "switchboard.database.embedded", "false")))
				.contains("switchboard.sandbox.enabled=true is refused with an external database "
						+ "(switchboard.database.embedded=false)");
	}

	@Test
	void aBlankOrShortTenantApiKeyIsRefusedWithTheFieldNamed() {
		assertThat(failureOf(Map.of(TENANT + "api-key", ""))).contains("switchboard.tenants[0].api-key must not be blank");
		assertThat(failureOf(Map.of(TENANT + "api-key", "short-key")))
				.contains("switchboard.tenants[0].api-key must be at least 16 characters long, was 9")
				.doesNotContain("short-key");
	}

	@Test
	void blankOrShortWebhookSecretsAreRefusedWithTheFieldNamed() {
		assertThat(failureOf(Map.of(TENANT + "genesys.webhook-secret", "")))
				.contains("switchboard.tenants[0].genesys.webhook-secret must not be blank");
		assertThat(failureOf(Map.of(TENANT + "whatsapp.app-secret", "0123456789")))
				.contains("switchboard.tenants[0].whatsapp.app-secret must be at least 16 characters long");
	}

	@Test
	void onlyTheBuiltInTenantMayBeASandboxTenant() {
		assertThat(failureOf(Map.of(TENANT + "sandbox", "true")))
				.contains("switchboard.tenants[0].sandbox: true is reserved to the built-in sandbox tenant");
	}

	@Test
	void shortAdminAndManagementKeysAreRefusedWithTheFieldNamed() {
		assertThat(failureOf(Map.of("switchboard.admin.api-key", "admin")))
				.contains("switchboard.admin.api-key must be at least 16 characters long");
		assertThat(failureOf(Map.of("switchboard.management.api-key", "scrape")))
				.contains("switchboard.management.api-key must be at least 16 characters long");
	}

	@Test
	void tenantsNoLongerDeclaredAndTheSandboxTenantOnceTheSandboxIsOffStopWorking() throws Exception {
		Path data = Files.createTempDirectory("switchboard-startup-checks");
		try (ConfigurableApplicationContext first = start(data, Map.of())) {
			assertThat(tenantCall(first, "solo", SOLO_KEY)).isEqualTo(200);
			assertThat(tenantCall(first, "sandbox", "sandbox-api-key")).isEqualTo(200);
		}
		Map<String, String> withoutSolo = new LinkedHashMap<>();
		withoutSolo.put("switchboard.undeclared-tenants", "refuse");
		withoutSolo.put(TENANT + "id", "other");
		withoutSolo.put(TENANT + "whatsapp.phone-number-id", "100000000000098");
		withoutSolo.put(TENANT + "genesys.integration-id", "c0c0c0c0-3333-4444-8555-666677778888");
		assertThat(messages(catchThrowable(() -> start(data, withoutSolo).close())))
				.contains("Tenants [solo] are stored but no longer declared in switchboard.tenants")
				.contains("switchboard.undeclared-tenants=deactivate");
		withoutSolo.remove("switchboard.undeclared-tenants");
		withoutSolo.put("switchboard.sandbox.enabled", "false");
		try (ConfigurableApplicationContext second = start(data, withoutSolo)) {
			assertThat(tenantCall(second, "solo", SOLO_KEY)).isEqualTo(401);
			assertThat(tenantCall(second, "sandbox", "sandbox-api-key")).isEqualTo(401);
		}
		try (ConfigurableApplicationContext third = start(data, Map.of("switchboard.sandbox.enabled", "false"))) {
			assertThat(tenantCall(third, "solo", SOLO_KEY)).as("declared again, active again").isEqualTo(200);
		}
	}

	private String failureOf(Map<String, String> overrides) {
		Throwable failure = catchThrowable(() -> {
			try (ConfigurableApplicationContext app = start(Files.createTempDirectory("switchboard-bad-config"),
					overrides)) {
				// started: the assertion below reports it
			}
		});
		assertThat(failure).as("the application refused to start").isNotNull();
		return messages(failure);
	}

	private ConfigurableApplicationContext start(Path data, Map<String, String> overrides) throws IOException {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.profiles.active", "sandbox");
		properties.put("server.port", String.valueOf(freePort()));
		properties.put("switchboard.database.data-dir", data.resolve("pg").toString());
		properties.put("switchboard.encryption-key", encryptionKey);
		properties.put("switchboard.sandbox.with-production-settings", "true");
		properties.put(TENANT + "id", "solo");
		properties.put(TENANT + "api-key", SOLO_KEY);
		properties.put(TENANT + "whatsapp.phone-number-id", "100000000000099");
		properties.put(TENANT + "whatsapp.access-token", "solo-access-token");
		properties.put(TENANT + "whatsapp.app-secret", "solo-app-secret-4c3b2a1f");
		properties.put(TENANT + "whatsapp.verify-token", "solo-verify-token-77");
		properties.put(TENANT + "genesys.region", "mypurecloud.ie");
		properties.put(TENANT + "genesys.client-id", "solo-client");
		properties.put(TENANT + "genesys.client-secret", "solo-client-secret");
		properties.put(TENANT + "genesys.integration-id", "d0d0d0d0-1111-4222-8333-444455556666");
		properties.put(TENANT + "genesys.webhook-secret", "solo-genesys-webhook-secret-99");
		properties.putAll(overrides);
		List<String> arguments = new ArrayList<>();
		properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return new SpringApplicationBuilder(SwitchboardApplication.class).run(arguments.toArray(String[]::new));
	}

	private static int tenantCall(ConfigurableApplicationContext app, String tenant, String key) throws Exception {
		String port = app.getEnvironment().getProperty("local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tenant"))
				.header("X-Tenant-ID", tenant).header("Authorization", "Bearer " + key).GET().build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append('\n');
		}
		return all.toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}
}
