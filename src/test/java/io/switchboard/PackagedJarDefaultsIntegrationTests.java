package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.harness.AppProcess;
import io.switchboard.harness.ExternalPostgres;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a production start gets from the defaults alone: the application started as a separate process from exactly
 * what the packaged jar holds (the compiled classes, {@code application.yml} and the dependencies, no test classes),
 * with no profile and no sandbox setting. It serves no simulator and no sandbox page, stores no sandbox tenant and
 * starts no embedded database; with no database named it refuses to start, saying which setting to add.
 */
class PackagedJarDefaultsIntegrationTests {

	private static final Duration START = Duration.ofSeconds(90);
	private static final List<String> JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path work;

	@Test
	void aStartWithNoProfileAndNoSandboxSettingServesNoSandboxAndStoresNoSandboxTenant() throws Exception {
		StringBuilder why = new StringBuilder();
		String name = "switchboard_defaults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Optional<ExternalPostgres> postgres = ExternalPostgres.create("127.0.0.1", 5432, "postgres", "", name, why);
		assumeTrue(postgres.isPresent(), "No PostgreSQL at 127.0.0.1:5432 (user postgres, trust): " + why);
		try (ExternalPostgres database = postgres.get();
				AppProcess app = AppProcess.startClasses(SwitchboardApplication.class.getName(), work, JVM,
						List.of("--spring.datasource.url=" + database.jdbcUrl(),
								"--spring.datasource.username=" + database.user()))) {
			app.awaitReady(http, START);

			for (String path : List.of("/sandbox", "/sandbox/customer", "/sandbox/agent", "/sandbox/assets/sandbox.css",
					"/sandbox/meta/control/sent", "/sandbox/genesys/control/stats")) {
				HttpResponse<String> answer = get(app.url(path));
				assertThat(answer.statusCode()).as(path).isEqualTo(404);
				assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
			}
			HttpResponse<String> token = http.send(HttpRequest.newBuilder(app.url("/sandbox/genesys/login/oauth/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(token.statusCode()).isEqualTo(404);

			assertThat(get(app.url("/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=sandbox-verify-token"
					+ "&hub.challenge=4711")).statusCode()).as("the sandbox number's handshake").isEqualTo(403);
			HttpResponse<String> tenant = http.send(HttpRequest.newBuilder(app.url("/api/tenant"))
					.header("X-Tenant-ID", "sandbox").header("Authorization", "Bearer sandbox-api-key").GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(tenant.statusCode()).as("the sandbox tenant's API key").isEqualTo(401);
			try (Connection connection = database.connect(); Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("select count(*) from tenants where id = 'sandbox'")) {
				rows.next();
				assertThat(rows.getLong(1)).as("sandbox tenants stored").isZero();
			}

			assertThat(Files.readString(app.log())).doesNotContain("Sandbox enabled")
					.doesNotContain("Embedded PostgreSQL is running");
			assertThat(work.resolve("data")).doesNotExist();
		}
	}

	@Test
	void aStartWithNoDatabaseIsRefusedWithTheSettingsToAddAndNoStackTrace() throws Exception {
		try (AppProcess app = AppProcess.startClasses(SwitchboardApplication.class.getName(), work, JVM, List.of())) {
			assertThat(app.awaitExit(START)).as("exit code").isNotZero();
			String log = Files.readString(app.log());
			assertThat(log).contains("APPLICATION FAILED TO START")
					.contains("No database is configured: spring.datasource.url is not set")
					.contains("switchboard.database.embedded=true").contains("--spring.profiles.active=sandbox")
					.doesNotContain("\tat ");
			assertThat(work.resolve("data")).doesNotExist();
		}
	}

	private HttpResponse<String> get(URI uri) throws Exception {
		return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
	}
}
