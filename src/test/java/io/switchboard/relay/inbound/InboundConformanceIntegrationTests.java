package io.switchboard.relay.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.MetaWebhooks;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays the conformance corpus ({@code conformance/whatsapp/inbound}) through the running application in numeric
 * order and checks every Genesys call the relay makes against the corpus's expected files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboundConformanceIntegrationTests extends AbstractIntegrationTests {

	private static final Path CORPUS = Path.of("src/test/resources/conformance/whatsapp/inbound");
	private static final Duration PATIENCE = Duration.ofSeconds(20);
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GenesysSimulatorClient genesys = new GenesysSimulatorClient(PORT);

	@Autowired
	JdbcClient jdbc;

	@Test
	@Order(1)
	void everyInboundFileIsAcknowledgedAndProducesExactlyItsExpectedGenesysMessages() throws Exception {
		List<Path> files = corpus();
		assertThat(files).hasSize(31);
		for (Path file : files) {
			replay(file);
			String name = file.getFileName().toString().replace(".json", "");
			List<String> wamids = messageIds(file);
			Path expectedFile = CORPUS.resolve("expected/" + name + ".genesys.json");
			if (!Files.exists(expectedFile)) {
				GenesysSimulatorClient.sleep(Duration.ofMillis(300));
				for (String wamid : wamids) {
					assertThat(genesys.messagesWithId(wamid)).as("%s must not reach Genesys", name).isEmpty();
				}
				continue;
			}
			JsonNode expected = JSON.readTree(expectedFile.toFile());
			assertThat(expected.size()).isEqualTo(wamids.size());
			List<Instant> arrivals = new ArrayList<>();
			for (JsonNode expectedBody : expected) {
				String wamid = expectedBody.at("/channel/messageId").asString();
				JsonNode received = genesys.awaitMessages(wamid, m -> !m.isEmpty(), PATIENCE).getFirst();
				assertMatches(name, expectedBody, received.get("body"));
				assertThat(received.get("warnings")).as(name).isEmpty();
				arrivals.add(Instant.parse(received.get("receivedAt").asString()));
			}
			assertThat(arrivals).as("%s relays its messages in order", name).isSorted();
		}
		assertThat(statusesRecorded()).as("statuses of files 23-26 and 28").isEqualTo(6);
	}

	@Test
	@Order(2)
	void replayingTheCorpusAgainProducesNoFurtherGenesysCall() throws Exception {
		for (Path file : corpus()) {
			replay(file);
		}
		GenesysSimulatorClient.sleep(Duration.ofSeconds(1));
		long calls = genesys.stats().get("messageCalls").asLong();
		for (Path file : corpus()) {
			replay(file);
		}
		GenesysSimulatorClient.sleep(Duration.ofSeconds(1));
		assertThat(genesys.stats().get("messageCalls").asLong()).isEqualTo(calls);
		for (Path file : corpus()) {
			for (String wamid : messageIds(file)) {
				assertThat(genesys.messagesWithId(wamid).size()).as(wamid).isLessThanOrEqualTo(1);
			}
		}
	}

	private void replay(Path file) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(
				MetaWebhooks.signed(url("/webhook/whatsapp"), Files.readAllBytes(file), MetaWebhooks.SANDBOX_APP_SECRET),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(file.getFileName().toString()).isEqualTo(200);
	}

	private static void assertMatches(String name, JsonNode expected, JsonNode actual) {
		boolean media = expected.has("content");
		for (Map.Entry<String, JsonNode> field : expected.properties()) {
			if (media && field.getKey().equals("content")) {
				assertThat(actual.has("content")).as("%s: attachments come with the media issue", name).isFalse();
				continue;
			}
			assertSubset(name + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
		}
		if (media && !expected.has("text")) {
			assertThat(actual.get("text").asString()).as("%s: notice instead of the attachment", name).startsWith("[");
		}
		JsonNode channel = actual.get("channel");
		for (String legacy : List.of("platform", "type", "to")) {
			assertThat(channel.has(legacy)).as("%s: legacy channel.%s", name, legacy).isFalse();
		}
		assertThat(actual.has("direction")).isFalse();
	}

	private static void assertSubset(String path, JsonNode expected, JsonNode actual) {
		assertThat(actual).as(path).isNotNull();
		if (expected.isObject()) {
			for (Map.Entry<String, JsonNode> field : expected.properties()) {
				assertSubset(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
			}
		}
		else if (expected.isArray()) {
			assertThat(actual.size()).as(path).isEqualTo(expected.size());
			for (int i = 0; i < expected.size(); i++) {
				assertSubset(path + "[" + i + "]", expected.get(i), actual.get(i));
			}
		}
		else if (path.endsWith("channel.time")) {
			assertThat(Instant.parse(actual.asString())).as(path).isEqualTo(Instant.parse(expected.asString()));
		}
		else {
			assertThat(actual).as(path).isEqualTo(expected);
		}
	}

	private long statusesRecorded() {
		return jdbc.sql("select count(*) from whatsapp_inbound_events where kind = 'status' and wamid like 'wamid.HBgM%'")
				.query(Long.class).single();
	}

	private static List<String> messageIds(Path file) {
		List<String> ids = new ArrayList<>();
		JsonNode root = JSON.readTree(file.toFile());
		for (JsonNode entry : root.path("entry")) {
			for (JsonNode change : entry.path("changes")) {
				for (JsonNode message : change.path("value").path("messages")) {
					ids.add(message.get("id").asString());
				}
			}
		}
		return ids;
	}

	private static List<Path> corpus() throws IOException {
		try (Stream<Path> files = Files.list(CORPUS)) {
			return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
		}
	}
}
