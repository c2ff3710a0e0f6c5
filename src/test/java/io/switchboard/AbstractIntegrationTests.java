package io.switchboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.util.Base64;

import io.switchboard.platform.Secret;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole application over real HTTP: all roles, the embedded PostgreSQL in a fresh
 * directory and the sandbox simulators (the {@code sandbox} profile, as {@code ./mvnw spring-boot:run} starts), on a
 * port chosen once per test run (the sandbox tenant's base URLs point at it). Subclasses share one application
 * context, so each test uses its own ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("sandbox")
public abstract class AbstractIntegrationTests {

	protected static final int PORT = freePort();
	protected static final Path DATA_DIR = tempDir();
	protected static final String SANDBOX_API_KEY = "sandbox-api-key";
	protected static final String ACME_API_KEY = "acme-api-key-7b1f0c";
	protected static final String ADMIN_API_KEY = "admin-api-key-4d2e9a";
	protected static final String MANAGEMENT_API_KEY = "scraper-key-0a7c4e2b91";
	protected static final Secret ACME_APP_SECRET = Secret.of("acme-app-secret-0f9e8d7c6b5a");
	protected static final String ACME_PHONE_NUMBER_ID = "100000000000002";
	/** Globex's second number, routed to the tests' {@code recording} destination instead of Genesys. */
	protected static final String GLOBEX_SECOND_NUMBER_ID = "100000000000013";
	protected static final String ACME_INTEGRATION = "a0a0a0a0-1111-4222-8333-444455556666";
	protected static final Secret ACME_WEBHOOK_SECRET = Secret.of("acme-genesys-webhook-secret-123456");
	protected static final String GLOBEX_PHONE_NUMBER_ID = "100000000000003";
	protected static final Secret GLOBEX_APP_SECRET = Secret.of("globex-app-secret-5e4d3c2b1a");
	protected static final Secret GLOBEX_WEBHOOK_SECRET = Secret.of("globex-genesys-webhook-secret-654321");
	protected static final String GLOBEX_INTEGRATION = "b0b0b0b0-2222-4333-8444-555566667777";
	protected static final int GLOBEX_MESSAGES_PER_SECOND = 5;
	protected static final String INACTIVE_PHONE_NUMBER_ID = "100000000000009";
	protected static final String INACTIVE_INTEGRATION = "d0d0d0d0-9999-4999-8999-999999999999";
	private static final String ENCRYPTION_KEY = randomKey();

	protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void applicationOnTestPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("switchboard.database.data-dir", () -> DATA_DIR.toString());
		registry.add("switchboard.media.directory", () -> DATA_DIR.resolve("media").toString());
		registry.add("switchboard.media.archive-interval", () -> "500ms");
		registry.add("switchboard.work.poll-interval", () -> "100ms");
		registry.add("switchboard.work.initial-backoff", () -> "200ms");
		registry.add("switchboard.work.max-backoff", () -> "1s");
		registry.add("switchboard.work.backlog-alert", () -> "2s");
		registry.add("switchboard.encryption-key", () -> ENCRYPTION_KEY);
		registry.add("switchboard.sandbox.with-production-settings", () -> "true");
		String acme = "switchboard.tenants[0].";
		registry.add(acme + "id", () -> "acme");
		registry.add(acme + "name", () -> "Acme Corp");
		registry.add(acme + "api-key", () -> ACME_API_KEY);
		registry.add(acme + "whatsapp.phone-number-id", () -> ACME_PHONE_NUMBER_ID);
		registry.add(acme + "whatsapp.waba-id", () -> "300000000000002");
		registry.add(acme + "whatsapp.access-token", () -> "acme-access-token");
		registry.add(acme + "whatsapp.app-secret", ACME_APP_SECRET::reveal);
		registry.add(acme + "whatsapp.verify-token", () -> "acme-verify-token");
		registry.add(acme + "whatsapp.graph-base-url", () -> "http://localhost:" + PORT + "/sandbox/meta/graph");
		registry.add(acme + "genesys.login-base-url", () -> "http://localhost:" + PORT + "/sandbox/genesys/login");
		registry.add(acme + "genesys.api-base-url", () -> "http://localhost:" + PORT + "/sandbox/genesys/api");
		registry.add(acme + "genesys.client-id", () -> "acme-client");
		registry.add(acme + "genesys.client-secret", () -> "acme-client-secret");
		registry.add(acme + "genesys.integration-id", () -> ACME_INTEGRATION);
		registry.add(acme + "genesys.webhook-secret", ACME_WEBHOOK_SECRET::reveal);
		String globex = "switchboard.tenants[1].";
		registry.add(globex + "id", () -> "globex");
		registry.add(globex + "api-key", () -> "globex-api-key-3c9a1e");
		registry.add(globex + "whatsapp.phone-number-id", () -> GLOBEX_PHONE_NUMBER_ID);
		registry.add(globex + "whatsapp.access-token", () -> "globex-access-token");
		registry.add(globex + "whatsapp.app-secret", GLOBEX_APP_SECRET::reveal);
		registry.add(globex + "whatsapp.verify-token", () -> "globex-verify-token");
		registry.add(globex + "whatsapp.messages-per-second", () -> GLOBEX_MESSAGES_PER_SECOND);
		registry.add(globex + "whatsapp.graph-base-url", () -> "http://localhost:" + PORT + "/sandbox/meta/graph");
		registry.add(globex + "genesys.login-base-url", () -> "http://localhost:" + PORT + "/sandbox/genesys/login");
		registry.add(globex + "genesys.api-base-url", () -> "http://localhost:" + PORT + "/sandbox/genesys/api");
		registry.add(globex + "genesys.client-id", () -> "globex-client");
		registry.add(globex + "genesys.client-secret", () -> "globex-client-secret");
		registry.add(globex + "genesys.integration-id", () -> GLOBEX_INTEGRATION);
		registry.add(globex + "genesys.webhook-secret", GLOBEX_WEBHOOK_SECRET::reveal);
		registry.add(globex + "extra-numbers[0].phone-number-id", () -> GLOBEX_SECOND_NUMBER_ID);
		registry.add(globex + "extra-numbers[0].display-phone-number", () -> "15550100013");
		registry.add(globex + "extra-numbers[0].destination", () -> "recording");
		registry.add("switchboard.admin.api-key", () -> ADMIN_API_KEY);
		registry.add("switchboard.admin.name", () -> "ops-on-call");
		registry.add("switchboard.management.api-key", () -> MANAGEMENT_API_KEY);
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	/**
	 * Stores a tenant that is no longer active (as one removed from the configuration is), owning
	 * {@link #INACTIVE_PHONE_NUMBER_ID} and {@link #INACTIVE_INTEGRATION}.
	 */
	protected static void storeInactiveTenant(JdbcClient jdbc) {
		jdbc.sql("""
				insert into tenants (id, name, phone_number_id, genesys_integration_id, status)
				values ('retired', 'Retired Ltd', ?, ?, 'inactive') on conflict (id) do nothing""")
				.params(INACTIVE_PHONE_NUMBER_ID, INACTIVE_INTEGRATION).update();
	}

	/**
	 * @return a request to an actuator endpoint carrying the management key, as the Prometheus scraper sends it.
	 */
	protected static HttpRequest.Builder management(String path) {
		return HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + MANAGEMENT_API_KEY);
	}

	protected static URI url(String path) {
		return URI.create("http://localhost:" + PORT + path);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Path tempDir() {
		try {
			return Files.createTempDirectory("switchboard-test-pg");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
