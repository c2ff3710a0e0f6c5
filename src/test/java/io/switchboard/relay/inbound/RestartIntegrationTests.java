package io.switchboard.relay.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.GenesysSimulatorClient;
import io.switchboard.MetaWebhooks;
import io.switchboard.SwitchboardApplication;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Acknowledged means durable: a webhook acknowledged by a process that stops before relaying it is relayed, once,
 * by the process that starts next on the same database.
 */
class RestartIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aMessageAcknowledgedBeforeAStopIsDeliveredExactlyOnceAfterTheRestart(@TempDir Path data) throws Exception {
		int port = freePort();
		String wamid = MetaWebhooks.newWamid();
		byte[] webhook = MetaWebhooks.text("447700900401", "Rosa", wamid, "sent just before the restart");
		URI endpoint = URI.create("http://localhost:" + port + "/webhook/whatsapp");

		try (ConfigurableApplicationContext edgeOnly = start(port, data, "edge")) {
			HttpResponse<String> ack = http.send(MetaWebhooks.signed(endpoint, webhook, MetaWebhooks.SANDBOX_APP_SECRET),
					HttpResponse.BodyHandlers.ofString());
			assertThat(ack.statusCode()).isEqualTo(200);
			JdbcClient jdbc = edgeOnly.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select count(*) from work_items where status = 'PENDING'").query(Long.class).single())
					.isEqualTo(1);
			assertThat(new GenesysSimulatorClient(port).messagesWithId(wamid)).isEmpty();
		}

		try (ConfigurableApplicationContext restarted = start(port, data, "all")) {
			GenesysSimulatorClient genesys = new GenesysSimulatorClient(port);
			genesys.awaitMessages(wamid, m -> m.size() == 1, Duration.ofSeconds(15));
			HttpResponse<String> redelivery = http.send(
					MetaWebhooks.signed(endpoint, webhook, MetaWebhooks.SANDBOX_APP_SECRET),
					HttpResponse.BodyHandlers.ofString());
			assertThat(redelivery.statusCode()).isEqualTo(200);
			GenesysSimulatorClient.sleep(Duration.ofSeconds(1));
			assertThat(genesys.messagesWithId(wamid)).hasSize(1);
			JdbcClient jdbc = restarted.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select status from message_tracking where meta_message_id = ?").param(wamid)
					.query(String.class).single()).isEqualTo("RELAYED");
			assertThat(jdbc.sql("select count(*) from work_items").query(Long.class).single()).isZero();
		}
	}

	private static ConfigurableApplicationContext start(int port, Path data, String roles) {
		return new SpringApplicationBuilder(SwitchboardApplication.class)
				.run("--spring.profiles.active=sandbox", "--server.port=" + port,
						"--switchboard.database.data-dir=" + data.resolve("pg"),
						"--switchboard.roles=" + roles, "--switchboard.work.poll-interval=100ms");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
