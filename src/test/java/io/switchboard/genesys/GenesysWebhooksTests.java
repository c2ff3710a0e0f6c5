package io.switchboard.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.genesys.GenesysOutboundMessage.Attachment;
import io.switchboard.genesys.GenesysOutboundMessage.Event;
import io.switchboard.genesys.GenesysOutboundMessage.Party;
import io.switchboard.genesys.GenesysOutboundMessage.QuickReply;
import io.switchboard.genesys.GenesysOutboundMessage.Reason;
import io.switchboard.platform.DuplicateJsonKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GenesysWebhooksTests {

	private static final Path WEBHOOKS = Path.of("src/test/resources/conformance/genesys/outbound-webhook");

	private static final String INTEGRATION = "5f0c2b1e-8d3a-4e6f-9b7c-1a2d3e4f5a6b";

	@ParameterizedTest
	@MethodSource("corpus")
	void parsesEveryCorpusFile(String name) {
		GenesysOutboundMessage message = parse(name);

		assertThat(message.id()).hasSize(32).isEqualTo(message.messageId());
		assertThat(message.type()).isIn("Text", "Structured", "Receipt", "Event");
		assertThat(message.to().id()).isNotEmpty();
		assertThat(message.from()).isNotNull();
		assertThat(message.time()).isNotNull();
		assertThat(message.direction()).isEqualTo("Outbound");
	}

	@Test
	void readsAText() {
		GenesysOutboundMessage message = parse("01-text");

		assertThat(message.id()).isEqualTo("f20c37d97e382ca41fda843555907b74");
		assertThat(message.integrationId()).isEqualTo(INTEGRATION);
		assertThat(message.to()).isEqualTo(new Party("447700900101", "Phone", "Ana Souza"));
		assertThat(message.from()).isEqualTo(new Party(INTEGRATION, "Opaque", "Sandbox WhatsApp"));
		assertThat(message.time()).isEqualTo(Instant.parse("2026-05-04T09:20:05.118Z"));
		assertThat(message.conversationId()).isEqualTo("c5d4e3f2-a1b0-4c9d-8e7f-6a5b4c3d2e1f");
		assertThat(message.type()).isEqualTo(GenesysOutboundMessage.TEXT);
		assertThat(message.text()).startsWith("Hi Ana, your kettle").endsWith("https://track.example.com/AB-1234");
		assertThat(message.content()).isEmpty();
		assertThat(message.events()).isEmpty();
		assertThat(message.reasons()).isEmpty();
		assertThat(message.status()).isNull();
		assertThat(message.isFinalReceipt()).isFalse();
		assertThat(message.originatingEntity()).isEqualTo("Human");
	}

	@Test
	void keepsUnicodeTextAsSent() {
		assertThat(parse("02-text-unicode").text())
				.isEqualTo("田中様、お問い合わせありがとうございます 🙏 ご注文 #4521 は明日お届け予定です 📦 Grüße, Zoë");
		assertThat(parse("02-text-unicode").to().nickname()).isEqualTo("田中 健二");
	}

	@Test
	void readsQuickReplies() {
		GenesysOutboundMessage message = parse("03-structured-quick-replies");

		assertThat(message.type()).isEqualTo(GenesysOutboundMessage.STRUCTURED);
		assertThat(message.originatingEntity()).isEqualTo("Bot");
		assertThat(message.content()).extracting("contentType").containsOnly("QuickReply");
		assertThat(message.quickReplies()).containsExactly(new QuickReply("Yes, thanks", "helpful_yes", "Message"),
				new QuickReply("No", "helpful_no", "Message"), new QuickReply("Talk to an agent", "agent", "Message"));
		assertThat(message.attachment()).isNull();
		assertThat(message.content().get(0).rawJson()).contains("\"payload\":\"helpful_yes\"");
	}

	@Test
	void readsReceipts() {
		GenesysOutboundMessage delivered = parse("04-receipt-delivered");
		GenesysOutboundMessage failed = parse("05-receipt-failed");

		assertThat(delivered.type()).isEqualTo(GenesysOutboundMessage.RECEIPT);
		assertThat(delivered.status()).isEqualTo("Delivered");
		assertThat(delivered.isFinalReceipt()).isTrue();
		assertThat(delivered.reasons()).isEmpty();
		assertThat(failed.status()).isEqualTo("Failed");
		assertThat(failed.reasons()).containsExactly(new Reason("MediaTypeNotAllowed",
				"Attachment media type is not allowed by the supported content profile."));
	}

	@Test
	void readsATypingEvent() {
		GenesysOutboundMessage message = parse("07-event-typing");

		assertThat(message.type()).isEqualTo(GenesysOutboundMessage.EVENT);
		assertThat(message.events()).containsExactly(new Event(Event.TYPING, "On", 5000L));
	}

	@Test
	void readsAnAttachment() {
		GenesysOutboundMessage message = parse("09-attachment-file");

		assertThat(message.text()).isEqualTo("Your invoice");
		assertThat(message.attachment()).isEqualTo(new Attachment("0c02c73e2b90ea5c4ec51adae264d249", "File",
				"https://api.mypurecloud.ie/api/v2/downloads/98e5bd70eac29b2f3d01864664bebd3c", "application/pdf",
				"Invoice-AB-1234.pdf", null, null, 182734L));
		assertThat(message.quickReplies()).isEmpty();
		assertThat(parse("10-attachment-video").text()).isNull();
	}

	@Test
	void readsAnOpaqueRecipient() {
		assertThat(parse("14-text-bsuid-contact").to())
				.isEqualTo(new Party("US.80417735526019448823", "Opaque", "@lena.k"));
	}

	@Test
	void keepsUnknownTypesAndContentAsSent() {
		GenesysOutboundMessage message = GenesysWebhooks.parse("""
				{ "id": "m-1", "type": "Carousel", "brand_new_field": [1, 2],
				  "channel": { "id": "i-1", "to": { "id": "447700900101", "idType": "Phone" },
				               "time": "2026-05-04T10:20:05+01:00" },
				  "content": [
				    { "contentType": "Card", "card": { "title": "Kettle", "actions": [] } },
				    "not an object",
				    { "contentType": "Attachment", "attachment": { "mediaType": "Image", "contentSizeBytes": "12" } }
				  ],
				  "events": [ { "eventType": "Presence" } ] }
				""".getBytes(StandardCharsets.UTF_8));

		assertThat(message.type()).isEqualTo("Carousel");
		assertThat(message.time()).isEqualTo(Instant.parse("2026-05-04T09:20:05Z"));
		assertThat(message.messageId()).isNull();
		assertThat(message.from()).isNull();
		assertThat(message.content()).extracting("contentType", "quickReply").containsExactly(tuple("Card", null),
				tuple("Attachment", null));
		assertThat(message.content().get(0).rawJson())
				.isEqualTo("{\"contentType\":\"Card\",\"card\":{\"title\":\"Kettle\",\"actions\":[]}}");
		assertThat(message.attachment()).isEqualTo(new Attachment(null, "Image", null, null, null, null, null, 12L));
		assertThat(message.events()).containsExactly(new Event("Presence", null, null));
	}

	@Test
	void readsAnEmptyObjectAsEmptyMessage() {
		GenesysOutboundMessage message = GenesysWebhooks.parse("{}".getBytes(StandardCharsets.UTF_8));

		assertThat(message.id()).isEmpty();
		assertThat(message.integrationId()).isEmpty();
		assertThat(message.to()).isEqualTo(new Party("", null, null));
		assertThat(message.type()).isEmpty();
		assertThat(message.time()).isNull();
		assertThat(message.content()).isEmpty();
	}

	@Test
	void fallsBackToTheChannelMessageId() {
		GenesysOutboundMessage message = GenesysWebhooks.parse("""
				{ "channel": { "messageId": "m-2", "time": "yesterday" }, "type": "Text", "text": 42 }
				""".getBytes(StandardCharsets.UTF_8));

		assertThat(message.id()).isEqualTo("m-2");
		assertThat(message.time()).isNull();
		assertThat(message.text()).isEqualTo("42");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "[1, 2]", "\"text\"", "42", "{\"id\": " })
	void rejectsBodiesThatAreNotJsonObjects(String body) {
		assertThatExceptionOfType(MalformedGenesysWebhook.class)
				.isThrownBy(() -> GenesysWebhooks.parse(body.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void namesWhatKeepsAMessageFromBeingTakenIn() {
		assertThat(GenesysWebhooks.parse(bytes("{\"channel\":{\"id\":\"i\",\"to\":{\"id\":\"1\"}},\"type\":\"Text\"}"))
				.defect()).isEqualTo("id is missing");
		assertThat(GenesysWebhooks.parse(bytes("{\"id\":\"m\",\"channel\":{\"id\":\"i\"},\"type\":\"Receipt\"}"))
				.defect()).isEqualTo("channel.to.id is missing");
		assertThat(GenesysWebhooks.parse(bytes("{\"id\":\"m\",\"channel\":{\"id\":\"i\",\"to\":{\"id\":\"1\"}},"
				+ "\"conversationId\":\"" + "c".repeat(257) + "\"}")).defect())
				.isEqualTo("conversationId is longer than 256 characters");
		assertThat(parse("01-text").defect()).isNull();
	}

	@Test
	void refusesABodyInWhichAnObjectGivesAKeyTwice() {
		assertThatExceptionOfType(DuplicateJsonKey.class).isThrownBy(() -> GenesysWebhooks.parse("""
				{"id":"m-1","channel":{"id":"i-1","to":{"id":"447700900001","id":"447700900002"}},"type":"Text"}"""
				.getBytes(StandardCharsets.UTF_8)));
	}

	@ParameterizedTest
	@MethodSource("corpus")
	void survivesAJsonRoundTripAsWork(String name) {
		JsonMapper json = JsonMapper.builder().build();
		GenesysMessageReceived received = new GenesysMessageReceived("sandbox", parse(name),
				Instant.parse("2026-05-04T09:20:06Z"));

		String written = json.writeValueAsString(received);
		JsonNode tree = json.readTree(written);

		assertThat(json.readValue(written, GenesysMessageReceived.class)).isEqualTo(received);
		assertThat(tree.path("message").has("isFinalReceipt")).isTrue();
		assertThat(tree.path("message").has("finalReceipt")).isFalse();
		assertThat(tree.path("message").has("quickReplies")).isFalse();
		assertThat(tree.path("message").has("attachment")).isFalse();
	}

	@Test
	void acceptsWorkNow() {
		Instant before = Instant.now();

		GenesysMessageReceived received = new GenesysMessageReceived("sandbox", parse("01-text"));

		assertThat(received.receivedAt()).isAfterOrEqualTo(before);
	}

	static Stream<String> corpus() throws IOException {
		try (Stream<Path> files = Files.list(WEBHOOKS)) {
			List<String> names = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json"))
					.map(name -> name.substring(0, name.length() - ".json".length())).sorted().toList();
			return names.stream();
		}
	}

	private static GenesysOutboundMessage parse(String name) {
		try {
			return GenesysWebhooks.parse(Files.readAllBytes(WEBHOOKS.resolve(name + ".json")));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}
}
