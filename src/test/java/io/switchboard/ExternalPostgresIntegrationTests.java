package io.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The production database adapter against a real PostgreSQL server (127.0.0.1:5432, as CI provides): the whole
 * application on a fresh database relays a signed webhook. Skipped, with the reason, where no server answers.
 */
class ExternalPostgresIntegrationTests {

	private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

	@Test
	void theApplicationRunsOnAnExternalPostgresql() throws Exception {
		assumeTrue(reachable(), "No PostgreSQL at 127.0.0.1:5432 (user postgres, trust); start one to run this test");
		String database = "switchboard_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute("create database " + database);
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SwitchboardApplication.class).run(
				"--server.port=" + port, "--switchboard.database.embedded=false",
				"--spring.profiles.active=sandbox", "--switchboard.sandbox.with-production-settings=true",
				"--spring.datasource.url=" + SERVER + database, "--spring.datasource.username=postgres",
				"--switchboard.work.poll-interval=100ms")) {
			String wamid = MetaWebhooks.newWamid();
			HttpResponse<String> ack = HttpClient.newHttpClient().send(
					MetaWebhooks.signed(URI.create("http://localhost:" + port + "/webhook/whatsapp"),
							MetaWebhooks.text("447700900801", "Pat", wamid, "on a real server"),
							MetaWebhooks.SANDBOX_APP_SECRET),
					HttpResponse.BodyHandlers.ofString());
			assertThat(ack.statusCode()).isEqualTo(200);
			new GenesysSimulatorClient(port).awaitMessages(wamid, m -> m.size() == 1, Duration.ofSeconds(15));
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select current_database()").query(String.class).single()).isEqualTo(database);
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			String status = relayStatus(jdbc, wamid);
			while (!"RELAYED".equals(status) && System.nanoTime() < deadline) {
				GenesysSimulatorClient.sleep(Duration.ofMillis(50));
				status = relayStatus(jdbc, wamid);
			}
			assertThat(status).as("the ledger is marked after Genesys accepted").isEqualTo("RELAYED");
		}
		finally {
			execute("drop database if exists " + database + " with (force)");
		}
	}

	private static boolean reachable() {
		try (Connection ignored = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
			return true;
		}
		catch (SQLException e) {
			return false;
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
			connection.createStatement().execute(sql);
		}
	}

	private static String relayStatus(JdbcClient jdbc, String wamid) {
		return jdbc.sql("select status from message_tracking where meta_message_id = ?").param(wamid)
				.query(String.class).single();
	}
}
