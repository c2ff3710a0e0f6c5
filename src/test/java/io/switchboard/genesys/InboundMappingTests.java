package io.switchboard.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.CustomerMessage;
import io.switchboard.conversation.HostedMedia;
import io.switchboard.whatsapp.Change;
import io.switchboard.whatsapp.CustomerMessageMapping;
import io.switchboard.whatsapp.InboundMessage;
import io.switchboard.whatsapp.MessageContent;
import io.switchboard.whatsapp.MessageContent.Edit;
import io.switchboard.whatsapp.MessageContent.InteractiveReply;
import io.switchboard.whatsapp.MessageContent.Media;
import io.switchboard.whatsapp.MessageContent.Revoke;
import io.switchboard.whatsapp.MessageContent.RequestWelcome;
import io.switchboard.whatsapp.MessageContent.SystemNotice;
import io.switchboard.whatsapp.MessageContent.Text;
import io.switchboard.whatsapp.MessageContent.Unsupported;
import io.switchboard.whatsapp.MessageContext;
import io.switchboard.whatsapp.Metadata;
import io.switchboard.whatsapp.SenderProfile;
import io.switchboard.whatsapp.WebhookNotification;
import io.switchboard.whatsapp.WhatsAppMessageReceived;
import io.switchboard.whatsapp.WhatsAppWebhooks;

import java.io.IOException;
import java.util.HexFormat;
import java.security.NoSuchAlgorithmException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class InboundMappingTests {

	private static final Path CONFORMANCE = Path.of("src/test/resources/conformance");
	private static final Path INBOUND = CONFORMANCE.resolve("whatsapp/inbound");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SANDBOX_NUMBER = "100000000000001";
	private static final Metadata SANDBOX = new Metadata(SANDBOX_NUMBER, "15550100001");

	private static final Set<String> MEDIA_FILES = Set.of("03-image-caption", "04-video", "05-audio-voice",
			"06-document-filename", "07-sticker");

	private static final Map<String, String> MEDIA_NOTICES = Map.of("04-video", "[Video: 900000000000401.mp4]",
			"05-audio-voice", "[Voice message: 900000000000501.ogg]", "07-sticker", "[Sticker: 900000000000701.webp]");

	@Test
	void replaysTheInboundCorpusInOrder() throws IOException {
		Identities identities = new Identities();
		List<String> checked = new ArrayList<>();
		for (String name : corpus()) {
			if (name.startsWith("31-")) {
				continue;
			}
			List<JsonNode> produced = new ArrayList<>();
			byte[] body = Files.readAllBytes(INBOUND.resolve(name + ".json"));
			WebhookNotification notification = WhatsAppWebhooks.parse(body);
			for (Change change : notification.changes()) {
				if (change.metadata() == null || !SANDBOX_NUMBER.equals(change.metadata().phoneNumberId())) {
					continue;
				}
				for (InboundMessage message : change.messages()) {
					CustomerId customer = identities.identify(message);
					WhatsAppMessageReceived received = new WhatsAppMessageReceived("sandbox", change.metadata(),
							change.senderOf(message), message);
					CustomerMessage neutral = CustomerMessageMapping.toCustomerMessage(received);
					if (neutral.content() instanceof CustomerMessage.Content.Media media) {
						neutral = neutral.withContent(media.hostedAs(copyOf(media)));
					}
					OpenInboundMessage mapped = InboundMapping.toGenesys(neutral, customer);
					produced.add(JSON.readTree(JSON.writeValueAsString(mapped)));
				}
			}
			Path expectedFile = INBOUND.resolve("expected/" + name + ".genesys.json");
			if (!Files.exists(expectedFile)) {
				assertThat(produced).as(name).isEmpty();
				continue;
			}
			JsonNode expected = JSON.readTree(Files.readAllBytes(expectedFile));
			assertThat(produced).as(name).hasSize(expected.size());
			for (int i = 0; i < produced.size(); i++) {
				JsonNode actual = produced.get(i);
				ObjectNode wanted = (ObjectNode) expected.get(i).deepCopy();
				assertNoLegacyFields(name, actual);
				if (MEDIA_FILES.contains(name)) {
					String url = actual.at("/content/0/attachment/url").stringValue();
					assertThat(url).as(name).startsWith("https://media.switchboard.example/")
						.doesNotContain("graph.facebook.com").doesNotContain("lookaside.fbsbx.com");
					assertThat(actual.at("/content/0/attachment/sha256").stringValue()).as(name)
						.isEqualTo(sha256(CORPUS_MEDIA + actual.at("/content/0/attachment/id").stringValue()));
					assertThat(actual.has("text")).as("%s: no caption means no text", name).isEqualTo(wanted.has("text"));
				}
				assertSubset(name, "", wanted, actual);
			}
			checked.add(name);
		}
		assertThat(checked).hasSize(23);
	}

	@Test
	void aFileAboveGenesysLimitBecomesANoticeWithALinkToSwitchboardsCopy() throws IOException {
		CustomerMessage message = CustomerMessageMapping.toCustomerMessage(received("06-document-filename"));
		CustomerMessage.Content.Media media = (CustomerMessage.Content.Media) message.content();
		HostedMedia large = new HostedMedia("media-inbound/sandbox/" + "a".repeat(64),
				URI.create("https://media.switchboard.example/large"), "application/pdf",
				InboundMapping.MAX_ATTACHMENT_BYTES + 1, "a".repeat(64), null);

		OpenInboundMessage mapped = InboundMapping.toGenesys(message.withContent(media.hostedAs(large)),
				CustomerId.phone("447700900101"));

		assertThat(mapped.content()).isNull();
		assertThat(mapped.text()).endsWith("[Document: " + media.filename() + "] https://media.switchboard.example/large");
	}

	@Test
	void aFileWithoutACopyStillReadsAsItsCaptionOrANotice() throws IOException {
		OpenInboundMessage video = InboundMapping.toGenesys(
				CustomerMessageMapping.toCustomerMessage(received("04-video")), CustomerId.phone("447700900101"));

		assertThat(video.content()).isNull();
		assertThat(video.text()).isEqualTo(MEDIA_NOTICES.get("04-video"));
	}

	private static final String CORPUS_MEDIA = "conformance-media:";

	/**
	 * Switchboard's copy of a corpus file, as the relay makes it: the mock download serves the UTF-8 bytes of
	 * {@code conformance-media:<media id>} (conformance README, media mock).
	 */
	private static HostedMedia copyOf(CustomerMessage.Content.Media media) {
		String id = media.reference().channelMediaId();
		byte[] bytes = (CORPUS_MEDIA + id).getBytes(StandardCharsets.UTF_8);
		String sha256 = sha256(CORPUS_MEDIA + id);
		return new HostedMedia("media-inbound/sandbox/" + sha256,
				URI.create("https://media.switchboard.example/media/media-inbound/sandbox/" + sha256 + "?expires=1"),
				media.reference().mimeType() == null ? "application/octet-stream" : media.reference().mimeType(),
				bytes.length, sha256, media.filename());
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void carriesWhatsAppIdsAsCustomAttributes() throws IOException {
		OpenInboundMessage mapped = mapOnly("18-text-referral-ctwa", CustomerId.phone("447700900101"));

		JsonNode expected = JSON.readTree(Files.readAllBytes(
				CONFORMANCE.resolve("genesys/inbound/02-message-text-custom-attributes.json")));
		assertSubset("18", "", expected, JSON.readTree(JSON.writeValueAsString(mapped)));
		assertThat(mapped.channel().metadata().customAttributes()).containsOnlyKeys("waPhoneNumberId",
				"waDisplayPhoneNumber", "waUserId", "waReferralSourceType", "waReferralSourceId", "waCtwaClid");
	}

	@Test
	void sendsBsuidOnlyCustomersAsOpaque() throws IOException {
		OpenInboundMessage mapped = mapOnly("21-bsuid-only-new-contact", CustomerId.bsuid("US.80417735526019448823"));

		JsonNode expected = JSON.readTree(Files.readAllBytes(
				CONFORMANCE.resolve("genesys/inbound/08-message-text-opaque-bsuid.json")));
		assertSubset("21", "", expected, JSON.readTree(JSON.writeValueAsString(mapped)));
	}

	@Test
	void carriesReplyAndForwardFlagsAsCustomAttributes() throws IOException {
		OpenInboundMessage reply = mapOnly("19-text-reply-context", CustomerId.phone("447700900101"));
		InboundMessage forwarded = message("wamid.fwd", new Text("fwd"),
				new MessageContext(null, null, false, true, null, null));

		assertThat(reply.channel().metadata().customAttributes()).containsEntry("waContextId",
				"wamid.HBgMNDQ3NzAwOTAwMTAxFQIAERgSRkMwMkJBQjRFQTMwNUI2NzMxQTBCQ0QzRjVFQzRBM0QA")
				.doesNotContainKey("waForwarded");
		assertThat(map(forwarded, null).channel().metadata().customAttributes())
				.containsEntry("waForwarded", "true").doesNotContainKey("waContextId").doesNotContainKey("waUserId");
	}

	@Test
	void leavesNicknameOutWithoutProfile() {
		OpenInboundMessage mapped = map(message("wamid.x", new Text("hi"), null),
				new SenderProfile("447700900101", null, null, " ", null));

		assertThat(mapped.channel().from().nickname()).isNull();
		assertThat(mapped.channel().from().idType()).isEqualTo(OpenInboundMessage.IdType.Phone);
	}

	@Test
	void rendersTypesGenesysHasNoShapeFor() {
		assertThat(render(new Revoke("wamid.original"))).isEqualTo("[Message deleted]");
		assertThat(render(new RequestWelcome())).isEqualTo("[Customer opened the chat]");
		assertThat(render(new Edit("wamid.original", """
				{"original_message_id":"wamid.original","message":{"type":"text","text":{"body":"6pm"}}}""")))
				.isEqualTo("[Edited] 6pm");
		assertThat(render(new Edit("wamid.original", "{\"original_message_id\":\"wamid.original\"}")))
				.isEqualTo("[Message edited]");
		assertThat(render(new InteractiveReply("nfm_reply", null, "Sent", "flow", "{\"flow_token\":\"t-1\"}")))
				.isEqualTo("[Flow response] {\"flow_token\":\"t-1\"}");
		assertThat(render(new Unsupported("unknown", "pool", "{}"))).isEqualTo("[Unsupported WhatsApp message: pool]");
		assertThat(render(new Unsupported("unsupported", null, "{}"))).isEqualTo("[Unsupported WhatsApp message]");
		assertThat(render(new Unsupported("poll", null, "{}"))).isEqualTo("[Unsupported WhatsApp message: poll]");
		assertThat(render(new SystemNotice("User changed", "user_changed_number", null)))
				.isEqualTo("[System] User changed");
	}

	@Test
	void namesMediaFilesByMimeType() {
		assertThat(InboundMapping.mimeWithoutParameters("audio/ogg; codecs=opus")).isEqualTo("audio/ogg");
		assertThat(InboundMapping.extension("audio/ogg; codecs=opus")).isEqualTo("ogg");
		assertThat(InboundMapping.extension("video/3gpp")).isEqualTo("3gp");
		assertThat(InboundMapping.extension("audio/mp4")).isEqualTo("m4a");
		assertThat(InboundMapping.extension("Image/JPEG")).isEqualTo("jpg");
		assertThat(InboundMapping.extension("application/vnd.ms-excel")).isEqualTo("bin");
		assertThat(InboundMapping.extension(null)).isEqualTo("bin");
		assertThat(InboundMapping.filename(neutral(media("document", "text/plain", "Notes für Ana.txt"))))
				.isEqualTo("Notes für Ana.txt");
		assertThat(InboundMapping.filename(neutral(media("document", "text/plain", null)))).isEqualTo("900000000000999.txt");
		assertThat(InboundMapping.filename(neutral(media("audio", "audio/mpeg", null)))).isEqualTo("900000000000999.mp3");
		assertThat(render(media("audio", "audio/aac", null))).isEqualTo("[Audio: 900000000000999.aac]");
		assertThat(render(media("image", "image/png", null))).isEqualTo("[Image: 900000000000999.png]");
		assertThat(render(media("document", "application/pdf", "Rechnung.pdf"))).isEqualTo("[Document: Rechnung.pdf]");
	}

	private static void assertNoLegacyFields(String name, JsonNode actual) {
		assertThat(actual.has("direction")).as(name).isFalse();
		JsonNode channel = actual.path("channel");
		for (String legacy : List.of("platform", "type", "to", "direction")) {
			assertThat(channel.has(legacy)).as(name + " channel." + legacy).isFalse();
		}
	}

	private static void assertSubset(String file, String path, JsonNode expected, JsonNode actual) {
		if ("channel.time".equals(path)) {
			assertThat(Instant.parse(actual.stringValue())).as(file + " " + path)
					.isEqualTo(Instant.parse(expected.stringValue()));
		}
		else if (expected.isObject()) {
			assertThat(actual.isObject()).as(file + " " + path + " is an object").isTrue();
			for (Map.Entry<String, JsonNode> field : expected.properties()) {
				String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
				assertThat(actual.has(field.getKey())).as(file + " has " + child).isTrue();
				assertSubset(file, child, field.getValue(), actual.get(field.getKey()));
			}
		}
		else if (expected.isArray()) {
			assertThat(actual.isArray()).as(file + " " + path + " is an array").isTrue();
			assertThat(actual.size()).as(file + " " + path + " size").isEqualTo(expected.size());
			for (int i = 0; i < expected.size(); i++) {
				assertSubset(file, path + "[" + i + "]", expected.get(i), actual.get(i));
			}
		}
		else {
			assertThat(actual).as(file + " " + path).isEqualTo(expected);
		}
	}

	private static OpenInboundMessage mapOnly(String name, CustomerId customer) throws IOException {
		return InboundMapping.toGenesys(CustomerMessageMapping.toCustomerMessage(received(name)), customer);
	}

	private static WhatsAppMessageReceived received(String name) throws IOException {
		Change change = WhatsAppWebhooks.parse(Files.readAllBytes(INBOUND.resolve(name + ".json"))).changes().get(0);
		InboundMessage message = change.messages().get(0);
		return new WhatsAppMessageReceived("sandbox", change.metadata(), change.senderOf(message), message);
	}

	private static OpenInboundMessage map(InboundMessage message, @Nullable SenderProfile sender) {
		return InboundMapping.toGenesys(
				CustomerMessageMapping.toCustomerMessage(new WhatsAppMessageReceived("sandbox", SANDBOX, sender, message)),
				CustomerId.phone("447700900101"));
	}

	private static @Nullable String render(MessageContent content) {
		return map(message("wamid.x", content, null), null).text();
	}

	private static InboundMessage message(String id, MessageContent content, @Nullable MessageContext context) {
		return new InboundMessage(id, "447700900101", null, null, Instant.ofEpochSecond(1777890000L), "text", context,
				null, List.of(), content, null);
	}

	private static Media media(String kind, String mimeType, @Nullable String filename) {
		return new Media(kind, "900000000000999", mimeType, null, null, filename, false, false, null);
	}

	private static CustomerMessage.Content.Media neutral(Media media) {
		return (CustomerMessage.Content.Media) CustomerMessageMapping.content(media);
	}

	private static List<String> corpus() throws IOException {
		try (Stream<Path> files = Files.list(INBOUND)) {
			return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json"))
					.map(name -> name.substring(0, name.length() - ".json".length())).sorted().toList();
		}
	}

	/**
	 * The conformance corpus's identity rules in miniature: a phone and a BSUID are linked when a payload carries both,
	 * a number change links the new number, and the first identity a customer reached Genesys under stays theirs.
	 */
	static final class Identities {

		private final Map<String, CustomerId> byPhone = new HashMap<>();
		private final Map<String, CustomerId> byUserId = new HashMap<>();

		CustomerId identify(InboundMessage message) {
			String phone = message.from();
			String userId = message.fromUserId();
			CustomerId customer = phone == null ? null : byPhone.get(phone);
			if (customer == null && userId != null) {
				customer = byUserId.get(userId);
			}
			if (customer == null) {
				customer = phone != null ? CustomerId.phone(phone) : CustomerId.bsuid(userId);
			}
			if (phone != null) {
				byPhone.putIfAbsent(phone, customer);
			}
			if (userId != null) {
				byUserId.putIfAbsent(userId, customer);
			}
			if (message.content() instanceof SystemNotice notice && notice.newWaId() != null) {
				byPhone.putIfAbsent(notice.newWaId(), customer);
			}
			return customer;
		}
	}
}
