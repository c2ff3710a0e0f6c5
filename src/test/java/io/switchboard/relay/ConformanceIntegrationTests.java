package io.switchboard.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.GenesysWebhookPayloads;
import io.switchboard.MetaSimulatorClient;
import io.switchboard.MetaWebhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays the conformance corpus ({@code src/test/resources/conformance}) through the running application, in the
 * order its README prescribes, keeping state between files: the customers' messages, then the agents' messages, then
 * WhatsApp's statuses of those messages, then everything again. Every call the relay makes to Genesys and to the
 * Cloud API is checked against the corpus.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConformanceIntegrationTests extends AbstractIntegrationTests {

	private static final String CORPUS_MEDIA = "conformance-media:";

	private static final Path CORPUS = Path.of("src/test/resources/conformance");
	private static final Path INBOUND = CORPUS.resolve("whatsapp/inbound");
	private static final Path AGENT = CORPUS.resolve("genesys/outbound-webhook");
	private static final Set<String> STATUS_FILES = Set.of("23", "24", "25", "26", "28");
	private static final Map<String, String> SENDS = Map.of("01-text", "01-text-preview-url", "02-text-unicode",
			"16-text-unicode", "03-structured-quick-replies", "10-interactive-buttons", "14-text-bsuid-contact",
			"14-text-bsuid-recipient");
	private static final Duration PATIENCE = Duration.ofSeconds(20);
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GenesysSimulatorClient genesys = new GenesysSimulatorClient(PORT);
	private final MetaSimulatorClient meta = new MetaSimulatorClient(PORT);

	@Autowired
	JdbcClient jdbc;

	@AfterAll
	static void automaticStatusesBackOn() {
		new MetaSimulatorClient(PORT).autoStatuses(true);
	}

	@Test
	@Order(1)
	void everyCustomerMessageIsAcknowledgedAndProducesExactlyItsExpectedGenesysMessages() throws Exception {
		List<Path> files = files(INBOUND);
		assertThat(files).hasSize(31);
		files.forEach(this::holdCorpusMedia);
		for (Path file : files) {
			String name = name(file);
			if (STATUS_FILES.contains(name.substring(0, 2))) {
				continue;
			}
			replayWhatsApp(file);
			List<String> wamids = messageIds(file);
			Path expectedFile = INBOUND.resolve("expected/" + name + ".genesys.json");
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
				assertMessageMatches(name, expectedBody, received.get("body"));
				assertThat(received.get("warnings")).as(name).isEmpty();
				arrivals.add(Instant.parse(received.get("receivedAt").asString()));
			}
			assertThat(arrivals).as("%s relays its messages in order", name).isSorted();
		}
	}

	@Test
	@Order(2)
	void everyAgentMessageProducesTheCloudApiRequestTheCorpusNames() throws Exception {
		meta.autoStatuses(false);
		customersWriteAgain();
		long markReads = meta.stats().get("markReadCalls").asLong();
		for (Path file : files(AGENT)) {
			String name = name(file);
			String id = JSON.readTree(file.toFile()).get("id").asString();
			HttpResponse<String> response = replayGenesys(file);
			if (name.startsWith("13")) {
				assertThat(response.statusCode()).as(name).isBetween(400, 403);
				continue;
			}
			assertThat(response.statusCode()).as(name).isEqualTo(200);
			if (SENDS.containsKey(name)) {
				JsonNode sent = meta.awaitSent(id, s -> !s.isEmpty(), PATIENCE).getFirst().get("body");
				JsonNode expected = JSON.readTree(CORPUS.resolve("whatsapp/outbound/" + SENDS.get(name) + ".json")
						.toFile());
				assertThat(sent).as(name).isEqualTo(expected);
			}
			else if (name.startsWith("12")) {
				JsonNode receipt = awaitReceipts(id, 1).getFirst();
				assertSubset(name, JSON.readTree(AGENT.resolve("expected/" + name + ".genesys-receipt.json").toFile())
						.get(0), receipt);
				assertThat(meta.sentWithCallback(id)).isEmpty();
			}
			else if (name.compareTo("04") >= 0 && name.compareTo("08") < 0) {
				GenesysSimulatorClient.sleep(Duration.ofMillis(300));
				assertThat(meta.sentWithCallback(id)).as("%s is not sent to the customer", name).isEmpty();
			}
		}
		assertThat(meta.stats().get("markReadCalls").asLong())
				.as("07 shows the typing indicator on the customer's last message").isEqualTo(markReads + 1);
	}

	@Test
	@Order(3)
	void whatsappStatusesAreRecordedAndBecomeExactlyTheExpectedReceipts() throws Exception {
		for (Path file : files(INBOUND)) {
			String name = name(file);
			if (!STATUS_FILES.contains(name.substring(0, 2))) {
				continue;
			}
			replayWhatsApp(file);
			Path expectedFile = INBOUND.resolve("expected/" + name + ".genesys-receipt.json");
			for (JsonNode status : statuses(file)) {
				String genesysId = status.get("biz_opaque_callback_data").asString();
				List<JsonNode> expected = new ArrayList<>();
				if (Files.exists(expectedFile)) {
					JSON.readTree(expectedFile.toFile()).forEach(r -> {
						if (r.get("id").asString().equals(genesysId)) {
							expected.add(r);
						}
					});
				}
				awaitLedgerStatus(genesysId, status.get("status").asString());
				List<JsonNode> receipts = receiptsAfter(genesysId, status.get("timestamp").asString());
				if (expected.isEmpty()) {
					GenesysSimulatorClient.sleep(Duration.ofMillis(300));
					assertThat(receiptsAfter(genesysId, status.get("timestamp").asString()))
							.as("%s gives Genesys no receipt for %s", name, genesysId).isEmpty();
				}
				else {
					receipts = awaitReceiptsAt(genesysId, status.get("timestamp").asString());
					assertThat(receipts).as(name).hasSize(1);
					assertReceiptMatches(name, expected.getFirst(), receipts.getFirst());
				}
			}
		}
		List<String> keys = new ArrayList<>();
		for (Path file : files(INBOUND)) {
			statuses(file).forEach(status -> keys.add(status.get("id").asString() + ":" + status.get("status").asString()));
		}
		assertThat(keys).hasSize(6);
		for (String key : keys) {
			assertThat(jdbc.sql("select count(*) from whatsapp_inbound_events where kind = 'status' and provider_key = ?")
					.param(key).query(Long.class).single()).as(key).isEqualTo(1);
		}
	}

	@Test
	@Order(4)
	void replayingTheWholeCorpusAgainProducesNoFurtherCall() throws Exception {
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		long genesysMessages = genesys.stats().get("messageCalls").asLong();
		long genesysReceipts = genesys.stats().get("receiptCalls").asLong();
		long sends = meta.stats().get("sendCalls").asLong();
		for (Path file : files(INBOUND)) {
			replayWhatsApp(file);
		}
		for (Path file : files(AGENT)) {
			replayGenesys(file);
		}
		GenesysSimulatorClient.sleep(Duration.ofSeconds(1));
		assertThat(genesys.stats().get("messageCalls").asLong()).isEqualTo(genesysMessages);
		assertThat(genesys.stats().get("receiptCalls").asLong()).isEqualTo(genesysReceipts);
		assertThat(meta.stats().get("sendCalls").asLong()).isEqualTo(sends);
	}

	/**
	 * The corpus's customers wrote in May 2026; they write again now, so that the agents' replies fall within
	 * WhatsApp's 24-hour service window.
	 */
	private void customersWriteAgain() throws Exception {
		List<String> wamids = new ArrayList<>();
		for (String customer : List.of("447700900101", "447700900102")) {
			String wamid = MetaWebhooks.newWamid();
			wamids.add(wamid);
			replay(MetaWebhooks.text(customer, "Customer", wamid, "still there?"));
		}
		String wamid = MetaWebhooks.newWamid();
		wamids.add(wamid);
		replay(new String(Files.readAllBytes(INBOUND.resolve("21-bsuid-only-new-contact.json")), StandardCharsets.US_ASCII)
				.replace("wamid.HBgMMDAwMDAwMDAwMDAwFQIAEhggQkU2RThFRDU4NzQ5ODFEMzUwRkZGQkM5NDQ5QTlFODYA", wamid)
				.replace("1777887300", String.valueOf(Instant.now().getEpochSecond()))
				.getBytes(StandardCharsets.US_ASCII));
		for (String written : wamids) {
			genesys.awaitMessages(written, m -> m.size() == 1, PATIENCE);
		}
	}

	private void assertMessageMatches(String name, JsonNode expected, JsonNode actual) throws Exception {
		for (Map.Entry<String, JsonNode> field : expected.properties()) {
			assertSubset(name + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
		}
		if (expected.has("content")) {
			assertThat(actual.has("text")).as("%s: no caption means no text", name).isEqualTo(expected.has("text"));
			JsonNode attachment = actual.at("/content/0/attachment");
			String id = attachment.get("id").asString();
			assertThat(attachment.get("url").asString()).as(name).startsWith("http://localhost:" + PORT + "/media/")
					.doesNotContain("graph.facebook.com").doesNotContain("lookaside.fbsbx.com");
			HttpResponse<String> copy = http.send(HttpRequest.newBuilder(URI.create(attachment.get("url").asString()))
					.GET().build(), HttpResponse.BodyHandlers.ofString());
			assertThat(copy.statusCode()).as("%s: Switchboard serves its copy", name).isEqualTo(200);
			assertThat(copy.body()).as(name).isEqualTo(CORPUS_MEDIA + id);
		}
		JsonNode channel = actual.get("channel");
		for (String legacy : List.of("platform", "type", "to")) {
			assertThat(channel.has(legacy)).as("%s: legacy channel.%s", name, legacy).isFalse();
		}
		assertThat(actual.has("direction")).isFalse();
	}

	private static void assertReceiptMatches(String name, JsonNode expected, JsonNode actual) {
		JsonNode reasons = expected.get("reasons");
		for (Map.Entry<String, JsonNode> field : expected.properties()) {
			if (!field.getKey().equals("reasons")) {
				assertSubset(name + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
			}
		}
		if (reasons != null) {
			assertThat(actual.get("reasons").size()).isEqualTo(reasons.size());
			for (int i = 0; i < reasons.size(); i++) {
				assertThat(actual.get("reasons").get(i).get("code")).isEqualTo(reasons.get(i).get("code"));
				String code = actual.get("reasons").get(i).get("message").asString();
				assertThat(code).startsWith("WhatsApp error ").isEqualTo(reasons.get(i).get("message").asString());
			}
		}
		else {
			assertThat(actual.has("reasons")).isFalse();
		}
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

	private List<JsonNode> receipts(String genesysId) {
		return genesys.received("receipt", "").stream().filter(r -> genesysId.equals(r.at("/body/id").asString()))
				.map(r -> r.get("body")).toList();
	}

	private List<JsonNode> receiptsAfter(String genesysId, String statusTimestamp) {
		Instant at = Instant.ofEpochSecond(Long.parseLong(statusTimestamp));
		return receipts(genesysId).stream().filter(r -> r.at("/channel/time").isString()
				&& Instant.parse(r.at("/channel/time").asString()).equals(at)).toList();
	}

	private List<JsonNode> awaitReceiptsAt(String genesysId, String statusTimestamp) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		List<JsonNode> receipts = receiptsAfter(genesysId, statusTimestamp);
		while (receipts.isEmpty() && System.nanoTime() < deadline) {
			GenesysSimulatorClient.sleep(Duration.ofMillis(50));
			receipts = receiptsAfter(genesysId, statusTimestamp);
		}
		GenesysSimulatorClient.sleep(Duration.ofMillis(200));
		return receiptsAfter(genesysId, statusTimestamp);
	}

	private List<JsonNode> awaitReceipts(String genesysId, int count) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (receipts(genesysId).size() < count && System.nanoTime() < deadline) {
			GenesysSimulatorClient.sleep(Duration.ofMillis(50));
		}
		return receipts(genesysId);
	}

	private void awaitLedgerStatus(String genesysId, String whatsappStatus) {
		String expected = switch (whatsappStatus) {
			case "sent" -> "SENT";
			case "delivered" -> "DELIVERED";
			case "read" -> "READ";
			default -> "FAILED";
		};
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			String status = jdbc.sql("select status from message_tracking where direction = 'outbound' "
					+ "and genesys_message_id = ?").param(genesysId).query(String.class).optional().orElse(null);
			if (expected.equals(status)) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("ledger of " + genesysId + " is " + status + ", expected " + expected);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(50));
		}
	}

	/**
	 * The corpus's media mock: each media id the corpus names serves the UTF-8 bytes of
	 * {@code conformance-media:<media id>} (conformance README), held by the Meta simulator as a customer's file.
	 */
	private void holdCorpusMedia(Path file) {
		try {
			for (JsonNode message : JSON.readTree(file.toFile()).at("/entry/0/changes/0/value/messages")) {
				String type = message.path("type").asString("");
				JsonNode media = message.path(type);
				if (!List.of("image", "video", "audio", "document", "sticker").contains(type) || !media.has("id")) {
					continue;
				}
				String id = media.get("id").asString();
				HttpRequest hold = HttpRequest.newBuilder(url("/sandbox/meta/control/media/" + id + "?phoneNumberId="
						+ MetaWebhooks.SANDBOX_PHONE_NUMBER_ID))
					.header("Content-Type", media.path("mime_type").asString("application/octet-stream"))
					.PUT(HttpRequest.BodyPublishers.ofString(CORPUS_MEDIA + id, StandardCharsets.UTF_8)).build();
				assertThat(http.send(hold, HttpResponse.BodyHandlers.ofString()).statusCode()).as(id).isEqualTo(200);
			}
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private void replayWhatsApp(Path file) throws IOException, InterruptedException {
		HttpResponse<String> response = replay(Files.readAllBytes(file));
		assertThat(response.statusCode()).as(file.getFileName().toString()).isEqualTo(200);
	}

	private HttpResponse<String> replay(byte[] body) throws IOException, InterruptedException {
		return http.send(MetaWebhooks.signed(url("/webhook/whatsapp"), body, MetaWebhooks.SANDBOX_APP_SECRET),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> replayGenesys(Path file) throws IOException, InterruptedException {
		return http.send(GenesysWebhookPayloads.signed(url("/webhook/genesys/outbound"), Files.readAllBytes(file),
				GenesysWebhookPayloads.SANDBOX_WEBHOOK_SECRET), HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> messageIds(Path file) {
		List<String> ids = new ArrayList<>();
		for (JsonNode entry : JSON.readTree(file.toFile()).path("entry")) {
			for (JsonNode change : entry.path("changes")) {
				for (JsonNode message : change.path("value").path("messages")) {
					ids.add(message.get("id").asString());
				}
			}
		}
		return ids;
	}

	private static List<JsonNode> statuses(Path file) {
		List<JsonNode> statuses = new ArrayList<>();
		for (JsonNode entry : JSON.readTree(file.toFile()).path("entry")) {
			for (JsonNode change : entry.path("changes")) {
				change.path("value").path("statuses").forEach(statuses::add);
			}
		}
		return statuses;
	}

	private static String name(Path file) {
		return file.getFileName().toString().replace(".json", "");
	}

	private static List<Path> files(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
		}
	}
}
