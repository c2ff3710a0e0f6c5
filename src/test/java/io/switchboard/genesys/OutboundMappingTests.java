package io.switchboard.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.CustomerMessage.MediaKind;
import io.switchboard.conversation.DeliveryRefused;
import io.switchboard.conversation.FailureReason;
import io.switchboard.genesys.GenesysOutboundMessage.Content;
import io.switchboard.genesys.GenesysOutboundMessage.Event;
import io.switchboard.genesys.GenesysOutboundMessage.Party;
import io.switchboard.genesys.GenesysOutboundMessage.QuickReply;
import io.switchboard.genesys.OutboundPlan.Ignore;
import io.switchboard.genesys.OutboundPlan.Receipt;
import io.switchboard.genesys.OutboundPlan.Send;
import io.switchboard.genesys.OutboundPlan.Typing;
import io.switchboard.whatsapp.BusinessMessageMapping;
import io.switchboard.whatsapp.CloudApiRequests;
import io.switchboard.whatsapp.OutboundContent;
import io.switchboard.whatsapp.OutboundContent.ListMessage;
import io.switchboard.whatsapp.OutboundContent.Text;
import io.switchboard.whatsapp.OutboundMessage;
import io.switchboard.whatsapp.Recipient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OutboundMappingTests {

	private static final Path CONFORMANCE = Path.of("src/test/resources/conformance");
	private static final Path WEBHOOKS = CONFORMANCE.resolve("genesys/outbound-webhook");
	private static final Path REQUESTS = CONFORMANCE.resolve("whatsapp/outbound");
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Recipient ANA = Recipient.phone("447700900101");

	@ParameterizedTest
	@CsvSource({ "01-text, 01-text-preview-url", "02-text-unicode, 16-text-unicode",
			"03-structured-quick-replies, 10-interactive-buttons", "14-text-bsuid-contact, 14-text-bsuid-recipient" })
	void sendsWhatTheCorpusExpects(String webhook, String request) {
		GenesysOutboundMessage message = parse(webhook);

		List<OutboundMessage> sends = sends(message, recipientOf(message));
		assertThat(sends).hasSize(1);
		assertThat(CloudApiRequests.message(sends.get(0))).isEqualTo(json(REQUESTS.resolve(request + ".json")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "04-receipt-delivered", "05-receipt-failed", "06-receipt-published" })
	void leavesReceiptsToTheLedger(String webhook) {
		assertThat(OutboundMapping.plan(parse(webhook))).isEqualTo(new Receipt());
	}

	@Test
	void showsTypingForATypingEvent() {
		assertThat(OutboundMapping.plan(parse("07-event-typing"))).isEqualTo(new Typing());
	}

	@Test
	void ignoresOtherEvents() {
		assertThat(OutboundMapping.plan(event(new Event("Typing", "Off", null)))).isInstanceOf(Ignore.class);
		assertThat(OutboundMapping.plan(event(new Event("Presence", null, null)))).isInstanceOf(Ignore.class);
		assertThat(OutboundMapping.plan(event(new Event("Typing", null, null)))).isEqualTo(new Typing());
	}

	@Test
	void offersUpToTenQuickRepliesAsAList() {
		GenesysOutboundMessage message = structured("When should we deliver order AB-1234/2?", 5);

		JsonNode request = CloudApiRequests.message(single(message));

		JsonNode expected = json("""
				{
				  "messaging_product": "whatsapp",
				  "recipient_type": "individual",
				  "to": "447700900101",
				  "type": "interactive",
				  "interactive": {
				    "type": "list",
				    "body": { "text": "When should we deliver order AB-1234/2?" },
				    "action": {
				      "button": "Choose",
				      "sections": [ { "rows": [
				        { "id": "slot_1", "title": "Slot 1" },
				        { "id": "slot_2", "title": "Slot 2" },
				        { "id": "slot_3", "title": "Slot 3" },
				        { "id": "slot_4", "title": "Slot 4" },
				        { "id": "slot_5", "title": "Slot 5" }
				      ] } ]
				    }
				  },
				  "biz_opaque_callback_data": "structured-1"
				}
				""");
		assertThat(request).isEqualTo(expected);
		JsonNode shape = json(REQUESTS.resolve("11-interactive-list.json")).path("interactive");
		assertThat(request.path("interactive").path("type")).isEqualTo(shape.path("type"));
		assertThat(request.path("interactive").path("action").path("button").isString()).isTrue();
		assertThat(request.path("interactive").path("action").path("button").stringValue().length())
				.isLessThanOrEqualTo(20);
		for (JsonNode row : request.path("interactive").path("action").path("sections").get(0).path("rows")) {
			assertThat(row.propertyNames()).isSubsetOf(shape.path("action").path("sections").get(0).path("rows")
					.get(0).propertyNames());
		}
	}

	@Test
	void offersTenQuickRepliesAsAList() {
		OutboundContent content = single(structured("Pick one", 10)).content();

		assertThat(content).isInstanceOf(ListMessage.class);
		assertThat(((ListMessage) content).sections()).singleElement()
				.satisfies(section -> assertThat(section.rows()).hasSize(10));
	}

	@Test
	void numbersMoreThanTenQuickRepliesInText() {
		OutboundMessage sent = single(structured("Pick a slot", 12));

		String expected = "Pick a slot\n" + String.join("\n",
				IntStream.rangeClosed(1, 12).mapToObj(i -> i + ". Slot " + i).toList());
		assertThat(sent.content()).isEqualTo(new Text(expected, false));
		assertThat(sent.callbackData()).isEqualTo("structured-1");
	}

	@Test
	void movesButtonTitlesLongerThanTwentyCharactersToAList() {
		GenesysOutboundMessage message = structured("Which one?", new QuickReply("Yes", "yes", "Message"),
				new QuickReply("A title of 22 chars ok", "long", "Message"), new QuickReply("No", "no", "Message"));

		OutboundContent content = single(message).content();

		assertThat(content).isInstanceOf(ListMessage.class);
		assertThat(((ListMessage) content).buttonLabel()).isEqualTo("Choose");
		assertThat(((ListMessage) content).sections().get(0).rows()).extracting("id", "title", "description")
				.containsExactly(tuple("yes", "Yes", null), tuple("long", "A title of 22 chars ok", null),
						tuple("no", "No", null));
	}

	@Test
	void numbersQuickRepliesWithTitlesLongerThanTwentyFourCharactersInText() {
		GenesysOutboundMessage message = structured("Which one?", new QuickReply("Yes", "yes", "Message"),
				new QuickReply("A title of 25 characters.", "long", "Message"), new QuickReply("No", "no", "Message"));

		OutboundContent content = single(message).content();

		assertThat(content).isEqualTo(new Text("Which one?\n1. Yes\n2. A title of 25 characters.\n3. No", false));
	}

	@Test
	void numbersQuickRepliesWithoutTextOrWithDuplicatePayloads() {
		GenesysOutboundMessage noText = structured(null, new QuickReply("Yes", "yes", "Message"),
				new QuickReply("No", "no", "Message"));
		GenesysOutboundMessage duplicates = structured("Sure?", new QuickReply("Yes", "same", "Message"),
				new QuickReply("No", "same", "Message"));

		assertThat(single(noText).content()).isEqualTo(new Text("1. Yes\n2. No", false));
		assertThat(single(duplicates).content())
				.isEqualTo(new Text("Sure?\n1. Yes\n2. No", false));
	}

	@Test
	void usesTheQuickReplyTextAsIdWithoutPayload() {
		GenesysOutboundMessage message = structured("Sure?", new QuickReply("Yes", null, "Message"));

		JsonNode request = CloudApiRequests.message(single(message));

		assertThat(request.at("/interactive/action/buttons/0/reply/id").stringValue()).isEqualTo("Yes");
	}

	@Test
	void sendsTheTextOfAStructuredMessageWithoutQuickReplies() {
		GenesysOutboundMessage message = message("Structured", "See http://example.com", List.of(content("Card")));

		assertThat(single(message).content())
				.isEqualTo(new Text("See http://example.com", true));
		assertThat(OutboundMapping.plan(message("Structured", null, List.of(content("Card")))))
				.isInstanceOf(Ignore.class);
	}

	@Test
	void ignoresATextWithoutTextOrContent() {
		assertThat(OutboundMapping.plan(message("Text", null, List.of()))).isInstanceOf(Ignore.class);
		assertThat(OutboundMapping.plan(message("Text", "", List.of()))).isInstanceOf(Ignore.class);
	}

	@Test
	void asksToSendAnAttachmentWithItsTextAsCaption() {
		OutboundPlan plan = OutboundMapping.plan(parse("08-attachment-image"));

		assertThat(plan).isInstanceOf(Send.class);
		BusinessMessage message = ((Send) plan).message();
		assertThat(message.correlationId()).isEqualTo("7bacbdb1a70b747dfc017b0c24f171fe");
		assertThat(message.content()).isInstanceOfSatisfying(BusinessMessage.Content.Attachment.class, attachment -> {
			assertThat(attachment.caption()).isEqualTo("Here is your replacement shipping label");
			assertThat(attachment.kind()).isEqualTo(MediaKind.IMAGE);
		});
	}

	@ParameterizedTest
	@CsvSource({ "08-attachment-image, 03-image-media-id", "09-attachment-file, 04-document-filename-caption",
			"10-attachment-video, 06-video", "11-attachment-audio, 05-audio" })
	void sendsAnAgentsAttachmentByItsUploadedIdAsTheCorpusNames(String webhook, String request) {
		Send send = (Send) OutboundMapping.plan(parse(webhook));
		JsonNode expected = json(REQUESTS.resolve(request + ".json"));
		String type = expected.get("type").asString();
		String mediaId = expected.at("/" + type + "/id").asString();

		OutboundMessage message = BusinessMessageMapping.media(send.message(), ANA, mediaId);

		assertThat(JSON.readTree(JSON.writeValueAsString(CloudApiRequests.message(message)))).isEqualTo(expected);
		assertThat(catchThrowableOfType(DeliveryRefused.class,
				() -> BusinessMessageMapping.toCloudApi(send.message(), ANA)).reason())
			.as("an attachment is never sent as text").isEqualTo(FailureReason.UNSUPPORTED_CONTENT);
	}

	@Test
	void sendsABotsCardWithReplyActionsAsReplyButtons() {
		String card = """
				{"contentType":"Card","card":{"title":"Room upgrade","description":"Sea view, 40 EUR a night",
				"image":"https://cdn.example/sea.jpg","actions":[{"type":"Postback","text":"Book it","payload":"book"},
				{"type":"Postback","text":"No thanks","payload":"no"}]}}""";

		OutboundContent content = single(message("Structured", null, List.of(new Content("Card", null, null, card))))
			.content();

		assertThat(content).isInstanceOfSatisfying(OutboundContent.ReplyButtons.class, buttons -> {
			assertThat(buttons.body()).isEqualTo("*Room upgrade*\nSea view, 40 EUR a night\nhttps://cdn.example/sea.jpg");
			assertThat(buttons.buttons()).extracting(OutboundContent.Button::id, OutboundContent.Button::title)
				.containsExactly(tuple("book", "Book it"), tuple("no", "No thanks"));
		});
	}

	@Test
	void sendsACarouselAsOneReadableTextPerCardAfterItsText() {
		String carousel = """
				{"contentType":"Carousel","carousel":{"cards":[
				{"title":"Lisbon","description":"3 nights","actions":[{"type":"Link","text":"Details",
				"url":"https://example.com/lisbon"},{"type":"Postback","text":"Book","payload":"lisbon"}]},
				{"title":"Porto","actions":[{"type":"Link","text":"Details","url":"https://example.com/porto"}]}]}}""";

		List<OutboundMessage> sends = sends(
				message("Structured", "Two trips for you", List.of(new Content("Carousel", null, null, carousel))), ANA);

		assertThat(sends).extracting(OutboundMessage::content).containsExactly(
				Text.of("Two trips for you"),
				Text.of("*Lisbon*\n3 nights\n- Details: https://example.com/lisbon\n1. Book"),
				Text.of("*Porto*\n- Details: https://example.com/porto"));
		assertThat(sends).extracting(OutboundMessage::callbackData).containsOnly("structured-1");
	}

	@Test
	void ignoresUnknownTypes() {
		assertThat(OutboundMapping.plan(message("Carousel", "Hello", List.of())))
				.isEqualTo(new Ignore("Genesys messages of type 'Carousel' are not relayed"));
	}

	@Test
	void splitsTextsLongerThanWhatsAppTakes() {
		String words = "word ".repeat(1000).strip();

		List<OutboundMessage> sends = sends(message("Text", words, List.of()), ANA);
		assertThat(sends).hasSize(2);
		StringBuilder joined = new StringBuilder();
		for (OutboundMessage sent : sends) {
			String body = ((Text) sent.content()).body();
			assertThat(body.length()).isLessThanOrEqualTo(OutboundContent.MAX_TEXT);
			assertThat(sent.callbackData()).isEqualTo("structured-1");
			joined.append(body);
		}
		assertThat(joined.toString()).isEqualTo(words);
		assertThat(((Text) sends.get(0).content()).body()).endsWith("word ");
	}

	@Test
	void neverSplitsASurrogatePair() {
		String emoji = "📦".repeat(2500);

		List<OutboundMessage> sends = sends(message("Text", emoji, List.of()), ANA);

		assertThat(sends).hasSize(2);
		assertThat(((Text) sends.get(0).content()).body()).isEqualTo("📦".repeat(2048));
		assertThat(((Text) sends.get(1).content()).body()).isEqualTo("📦".repeat(452));
	}

	private static Recipient recipientOf(GenesysOutboundMessage message) {
		return "Opaque".equals(message.to().idType()) ? Recipient.bsuid(message.to().id())
				: Recipient.phone(message.to().id());
	}

	private static OutboundMessage single(GenesysOutboundMessage message) {
		return sends(message, ANA).get(0);
	}

	private static List<OutboundMessage> sends(GenesysOutboundMessage message, Recipient recipient) {
		OutboundPlan plan = OutboundMapping.plan(message);
		assertThat(plan).isInstanceOf(Send.class);
		return BusinessMessageMapping.toCloudApi(((Send) plan).message(), recipient);
	}

	private static GenesysOutboundMessage structured(String text, int replies) {
		return structured(text, IntStream.rangeClosed(1, replies)
				.mapToObj(i -> new QuickReply("Slot " + i, "slot_" + i, "Message")).toArray(QuickReply[]::new));
	}

	private static GenesysOutboundMessage structured(@Nullable String text, QuickReply... replies) {
		List<Content> content = new ArrayList<>();
		for (QuickReply reply : replies) {
			content.add(new Content("QuickReply", null, reply, "{}"));
		}
		return message("Structured", text, content);
	}

	private static GenesysOutboundMessage event(Event event) {
		return new GenesysOutboundMessage("event-1", "integration", null, new Party("447700900101", "Phone", null),
				null, Instant.parse("2026-05-04T09:19:58Z"), null, "Event", null, List.of(), List.of(event), null,
				List.of(), false, "Outbound", "Human");
	}

	private static Content content(String type) {
		return new Content(type, null, null, "{\"contentType\":\"" + type + "\"}");
	}

	private static GenesysOutboundMessage message(String type, @Nullable String text, List<Content> content) {
		return new GenesysOutboundMessage("structured-1", "integration", "structured-1",
				new Party("447700900101", "Phone", null), null, Instant.parse("2026-05-04T09:30:00Z"), null, type, text,
				content, List.of(), null, List.of(), false, "Outbound", "Bot");
	}

	private static GenesysOutboundMessage parse(String name) {
		try {
			return GenesysWebhooks.parse(Files.readAllBytes(WEBHOOKS.resolve(name + ".json")));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static JsonNode json(Path file) {
		try {
			return JSON.readTree(Files.readAllBytes(file));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}
}
