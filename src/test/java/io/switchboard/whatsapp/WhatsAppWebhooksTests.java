package io.switchboard.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.switchboard.platform.DuplicateJsonKey;
import io.switchboard.whatsapp.MessageContent.ContactCard;
import io.switchboard.whatsapp.MessageContent.ContactEmail;
import io.switchboard.whatsapp.MessageContent.ContactPhone;
import io.switchboard.whatsapp.MessageContent.Edit;
import io.switchboard.whatsapp.MessageContent.InteractiveReply;
import io.switchboard.whatsapp.MessageContent.Location;
import io.switchboard.whatsapp.MessageContent.Media;
import io.switchboard.whatsapp.MessageContent.Order;
import io.switchboard.whatsapp.MessageContent.OrderItem;
import io.switchboard.whatsapp.MessageContent.Reaction;
import io.switchboard.whatsapp.MessageContent.RequestWelcome;
import io.switchboard.whatsapp.MessageContent.Revoke;
import io.switchboard.whatsapp.MessageContent.SharedContacts;
import io.switchboard.whatsapp.MessageContent.SystemNotice;
import io.switchboard.whatsapp.MessageContent.TemplateButtonReply;
import io.switchboard.whatsapp.MessageContent.Text;
import io.switchboard.whatsapp.MessageContent.Unsupported;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;

class WhatsAppWebhooksTests {

	private static final Path INBOUND = Path.of("src/test/resources/conformance/whatsapp/inbound");

	private static final String SANDBOX_NUMBER = "100000000000001";
	private static final String ANA_BSUID = "GB.38291047562910384756";

	private static final String SEVERAL_ENTRIES = """
			{
			  "object": "whatsapp_business_account",
			  "entry": [
			    {
			      "id": "300000000000001",
			      "changes": [
			        {
			          "field": "messages",
			          "value": {
			            "messaging_product": "whatsapp",
			            "metadata": { "display_phone_number": "15550100001", "phone_number_id": "100000000000001" },
			            "contacts": [ { "wa_id": "447700900101" } ],
			            "messages": [
			              { "from": "447700900101", "id": "wamid.poll", "timestamp": "1777890000", "type": "poll",
			                "poll": { "question": "Which day?", "options": ["Mon", "Tue"] }, "brand_new_field": 1 },
			              { "from": "447700900101", "id": "wamid.revoke", "timestamp": "1777890001", "type": "revoke",
			                "revoke": { "original_message_id": "wamid.original" } },
			              { "from": "447700900101", "id": "wamid.edit", "timestamp": "1777890002", "type": "edit",
			                "edit": { "original_message_id": "wamid.original",
			                          "message": { "type": "text", "text": { "body": "6pm, not 5pm" } } } },
			              { "from": "447700900101", "id": "wamid.welcome", "timestamp": "1777890003",
			                "type": "request_welcome" },
			              { "from": "447700900101", "id": "wamid.flow", "timestamp": "1777890004",
			                "type": "interactive",
			                "context": { "forwarded": true, "referred_product": { "catalog_id": "700000000000001",
			                  "product_retailer_id": "KETTLE-BLUE-17" } },
			                "interactive": { "type": "nfm_reply", "nfm_reply": { "name": "flow", "body": "Sent",
			                  "response_json": "{\\"flow_token\\":\\"t-1\\",\\"slot\\":\\"tue\\"}" } } },
			              { "from": "447700900101", "id": "wamid.unknown", "timestamp": "1777890005", "type": "unknown",
			                "unsupported": { "type": "pool" } },
			              { "from": "447700900101", "id": "wamid.carousel", "timestamp": "1777890006",
			                "type": "interactive", "interactive": { "type": "carousel_reply",
			                  "carousel_reply": { "id": "card-2", "title": "Blue" } } }
			            ]
			          }
			        },
			        {
			          "field": "smb_message_echoes",
			          "value": { "message_echoes": [ { "from": "15550100001", "to": "447700900101" } ] }
			        }
			      ]
			    },
			    {
			      "id": "300000000000002",
			      "changes": [
			        {
			          "field": "messages",
			          "value": {
			            "metadata": { "phone_number_id": "100000000000002" },
			            "statuses": [
			              { "id": "wamid.sent", "status": "played", "timestamp": 1777890100,
			                "recipient_id": "447700900101" }
			            ]
			          }
			        },
			        { "field": "account_update", "value": { "event": "VERIFIED_ACCOUNT" } }
			      ]
			    }
			  ]
			}
			""";

	static Stream<String> corpus() throws IOException {
		try (Stream<Path> files = Files.list(INBOUND)) {
			return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
					.toList().stream();
		}
	}

	@ParameterizedTest
	@MethodSource("corpus")
	void parsesEveryCorpusFile(String file) {
		WebhookNotification notification = parse(file);

		assertThat(notification.object()).isEqualTo("whatsapp_business_account");
		assertThat(notification.isWhatsAppBusinessAccount()).isTrue();
		assertThat(notification.changes()).hasSize(1);
		Change change = notification.changes().get(0);
		assertThat(change.wabaId()).isNotEmpty();
		assertThat(change.field()).isNotEmpty();
		assertThat(change.rawValue()).startsWith("{").endsWith("}");
		assertThat(change.messages().size() + change.statuses().size() + change.errors().size()
				+ ("messages".equals(change.field()) ? 0 : 1)).isPositive();
		for (InboundMessage message : change.messages()) {
			assertThat(message.id()).startsWith("wamid.");
			assertThat(message.timestamp()).isAfter(Instant.parse("2026-01-01T00:00:00Z"));
			assertThat(message.from() != null || message.fromUserId() != null).isTrue();
		}
	}

	@Test
	void unescapesSlashesInText() {
		InboundMessage message = onlyMessage("01-text-ascii.json");

		assertThat(message.from()).isEqualTo("447700900101");
		assertThat(message.fromUserId()).isNull();
		assertThat(message.type()).isEqualTo("text");
		assertThat(message.timestamp()).isEqualTo(Instant.ofEpochSecond(1777885200L));
		assertThat(message.content()).isEqualTo(
				new Text("Hi, I ordered a blue kettle last week (order AB-1234/2). When will it arrive?"));
		assertThat(message.context()).isNull();
		assertThat(message.referral()).isNull();
		assertThat(message.errors()).isEmpty();
		Change change = parse("01-text-ascii.json").changes().get(0);
		assertThat(change.metadata()).isEqualTo(new Metadata(SANDBOX_NUMBER, "15550100001"));
		assertThat(change.senderOf(message))
				.isEqualTo(new SenderProfile("447700900101", null, null, "Ana Souza", null));
	}

	@Test
	void decodesUnicodeEscapesAndSurrogatePairs() {
		Change change = parse("02-text-emoji-nonlatin.json").changes().get(0);
		InboundMessage message = change.messages().get(0);

		assertThat(message.content()).isEqualTo(new Text("こんにちは 👋 注文番号 4521 の配送状況を教えてください 🙏📦"));
		assertThat(message.fromUserId()).isEqualTo("GB.57201938475610293847");
		assertThat(change.senderOf(message).name()).isEqualTo("田中 健二");
	}

	@Test
	void parsesImageWithCaptionAndLookasideUrl() {
		InboundMessage message = onlyMessage("03-image-caption.json");

		assertThat(message.content()).isEqualTo(new Media("image", "900000000000301", "image/jpeg",
				"aS78F4lv+KNMpebY7zCc4u6grnfrqhbND2eLipzL7F8=", "The box arrived damaged, see photo", null, false,
				false, "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=900000000000301"
						+ "&ext=1777885420&hash=ATv3Lq9XkZ2pRm7sWn4YbC1dE"));
		assertThat(message.fromUserId()).isEqualTo(ANA_BSUID);
		assertThat(message.fromParentUserId()).isEqualTo("GB.ENT.90817263545362718190");
	}

	@Test
	void parsesVideoWithoutCaption() {
		Media video = (Media) onlyMessage("04-video.json").content();

		assertThat(video.kind()).isEqualTo("video");
		assertThat(video.mimeType()).isEqualTo("video/mp4");
		assertThat(video.caption()).isNull();
		assertThat(video.url()).isNull();
	}

	@Test
	void parsesVoiceNoteWithCodecsInMimeType() {
		Media audio = (Media) onlyMessage("05-audio-voice.json").content();

		assertThat(audio.kind()).isEqualTo("audio");
		assertThat(audio.voice()).isTrue();
		assertThat(audio.mimeType()).isEqualTo("audio/ogg; codecs=opus");
		assertThat(audio.sha256()).isEqualTo("CG2vVbdkY2YUxDq5HAq2W5Ec/azY+N5PZCTc1brlzV8=");
	}

	@Test
	void keepsNonAsciiDocumentFilename() {
		Media document = (Media) onlyMessage("06-document-filename.json").content();

		assertThat(document.kind()).isEqualTo("document");
		assertThat(document.filename()).isEqualTo("Rechnung_März_2026.pdf");
		assertThat(document.caption()).isEqualTo("Here is the invoice you asked for");
		assertThat(document.mimeType()).isEqualTo("application/pdf");
	}

	@Test
	void parsesStaticSticker() {
		Media sticker = (Media) onlyMessage("07-sticker.json").content();

		assertThat(sticker.kind()).isEqualTo("sticker");
		assertThat(sticker.animated()).isFalse();
		assertThat(sticker.mimeType()).isEqualTo("image/webp");
	}

	@Test
	void parsesNamedAndCurrentLocations() {
		assertThat(onlyMessage("08-location-named.json").content()).isEqualTo(
				new Location(51.53212, -0.10573, "Parcel locker 17", "12 Station Road, London N1 9AL", null));
		assertThat(onlyMessage("09-location-current.json").content())
				.isEqualTo(new Location(48.85837, 2.29448, null, null, null));
	}

	@Test
	void parsesContactCards() {
		SharedContacts contacts = (SharedContacts) onlyMessage("10-contacts.json").content();

		assertThat(contacts.cards()).containsExactly(
				new ContactCard("Marta Kowalska", "Marta", "Kowalska",
						List.of(new ContactPhone("+44 7700 900222", "447700900222", "CELL"),
								new ContactPhone("+44 20 7946 0958", null, "WORK")),
						List.of(new ContactEmail("marta.kowalska@example.com", "WORK")), "Example Logistics Ltd"),
				new ContactCard("Ravi Patel", "Ravi", "Patel", List.of(new ContactPhone("+1 202-555-0143", null, null)),
						List.of(), null));
	}

	@Test
	void parsesButtonAndListReplies() {
		InboundMessage button = onlyMessage("11-interactive-button-reply.json");
		InboundMessage list = onlyMessage("12-interactive-list-reply.json");

		assertThat(button.content())
				.isEqualTo(new InteractiveReply("button_reply", "helpful_yes", "Yes, thanks", null, null));
		assertThat(button.context().id())
				.isEqualTo("wamid.HBgMNDQ3NzAwOTAwMTAxFQIAERgSREUyREZBRTM2RDIyQkRFQ0Y0MzNFMzg2MzQ2NDgxRDEA");
		assertThat(list.content()).isEqualTo(
				new InteractiveReply("list_reply", "slot_tue_am", "Tue 9-12", "Tuesday 5 May, 09:00-12:00", null));
	}

	@Test
	void parsesTemplateButtonReply() {
		InboundMessage message = onlyMessage("13-template-quick-reply-button.json");

		assertThat(message.content()).isEqualTo(new TemplateButtonReply("RESCHEDULE_AB-1234", "Reschedule"));
		assertThat(message.context().from()).isEqualTo("15550100001");
	}

	@Test
	void parsesReactionAndItsRemoval() {
		String agentMessage = "wamid.HBgMNDQ3NzAwOTAwMTAxFQIAERgSRkMwMkJBQjRFQTMwNUI2NzMxQTBCQ0QzRjVFQzRBM0QA";
		Reaction reaction = (Reaction) onlyMessage("14-reaction.json").content();
		Reaction removal = (Reaction) onlyMessage("15-reaction-removed.json").content();

		assertThat(reaction).isEqualTo(new Reaction(agentMessage, "👍"));
		assertThat(reaction.isRemoval()).isFalse();
		assertThat(removal).isEqualTo(new Reaction(agentMessage, ""));
		assertThat(removal.isRemoval()).isTrue();
	}

	@Test
	void parsesOrderWithPricesAndNote() {
		Order order = (Order) onlyMessage("16-order.json").content();

		assertThat(order).isEqualTo(new Order("700000000000001", "Please deliver after 6pm",
				List.of(new OrderItem("KETTLE-BLUE-17", 1, 39.99, "GBP"),
						new OrderItem("DESCALER-3PK", 2, 4.75, "GBP"))));
	}

	@Test
	void parsesSystemMessageWithoutContacts() {
		Change change = parse("17-system-user-changed-number.json").changes().get(0);
		InboundMessage message = change.messages().get(0);

		assertThat(change.contacts()).isEmpty();
		assertThat(change.senderOf(message)).isNull();
		assertThat(message.from()).isEqualTo("447700900104");
		assertThat(message.content()).isEqualTo(new SystemNotice(
				"User Tomasz changed from 447700900104 to 447700900105", "user_changed_number", "447700900105"));
	}

	@Test
	void parsesClickToWhatsAppReferral() {
		InboundMessage message = onlyMessage("18-text-referral-ctwa.json");

		assertThat(message.referral()).isEqualTo(new Referral("https://fb.me/8xQ2kL7pZ", "120000000000001", "ad",
				"Spring sale: 20% off kettles", "Tap to chat with us on WhatsApp", "image",
				"https://scontent.example.net/v/ad-creative-0001.jpg", null, null,
				"ARAkLmNoPqRsTuVwXyZ0123456789abcdefGhIj", "Hi! How can we help you today?"));
		assertThat(message.content()).isInstanceOf(Text.class);
	}

	@Test
	void parsesReplyContext() {
		InboundMessage message = onlyMessage("19-text-reply-context.json");

		assertThat(message.context()).isEqualTo(new MessageContext("15550100001",
				"wamid.HBgMNDQ3NzAwOTAwMTAxFQIAERgSRkMwMkJBQjRFQTMwNUI2NzMxQTBCQ0QzRjVFQzRBM0QA", false, false, null,
				null));
		assertThat(message.content()).isEqualTo(new Text("Yes, 6pm works for me"));
	}

	@Test
	void keepsUnsupportedMessageWithItsErrors() {
		InboundMessage message = onlyMessage("20-unsupported-errors.json");

		assertThat(message.errors()).containsExactly(new WhatsAppError(131051, "Message type unknown",
				"Message type unknown", "Message type is currently not supported.", null));
		Unsupported content = (Unsupported) message.content();
		assertThat(content.type()).isEqualTo("unsupported");
		assertThat(content.unsupportedType()).isNull();
		assertThat(content.rawJson()).startsWith("{").contains("\"code\":131051").contains("\"type\":\"unsupported\"");
	}

	@Test
	void parsesBsuidOnlySenderWithoutFrom() {
		Change change = parse("21-bsuid-only-new-contact.json").changes().get(0);
		InboundMessage message = change.messages().get(0);

		assertThat(message.from()).isNull();
		assertThat(message.fromUserId()).isEqualTo("US.80417735526019448823");
		assertThat(message.fromParentUserId()).isEqualTo("US.ENT.11223344556677889900");
		assertThat(change.senderOf(message)).isEqualTo(new SenderProfile(null, "US.80417735526019448823",
				"US.ENT.11223344556677889900", null, "@lena.k"));
	}

	@Test
	void matchesBsuidOnlySenderOfKnownContactByUserId() {
		Change change = parse("22-bsuid-only-known-contact.json").changes().get(0);

		SenderProfile sender = change.senderOf(change.messages().get(0));

		assertThat(sender.userId()).isEqualTo(ANA_BSUID);
		assertThat(sender.name()).isEqualTo("Ana Souza");
		assertThat(sender.username()).isEqualTo("@ana.souza");
	}

	@Test
	void parsesSentStatusWithConversationAndPricing() {
		WhatsAppStatus status = onlyStatus("23-status-sent.json");

		assertThat(status).isEqualTo(new WhatsAppStatus(
				"wamid.HBgMNDQ3NzAwOTAwMTAxFQIAERgSRkMwMkJBQjRFQTMwNUI2NzMxQTBCQ0QzRjVFQzRBM0QA", "sent",
				Instant.ofEpochSecond(1777886406L), "447700900101", ANA_BSUID, null, "f20c37d97e382ca41fda843555907b74",
				List.of(), new Pricing(false, "PMP", "free_customer_service", "service"),
				new ConversationInfo("4c7a1e9b2d5f8a3c6e0b9d2f5a8c1e4b", "service",
						Instant.ofEpochSecond(1777972200L))));
	}

	@Test
	void parsesDeliveredStatusWithoutConversationExpiry() {
		WhatsAppStatus status = onlyStatus("24-status-delivered.json");

		assertThat(status.status()).isEqualTo("delivered");
		assertThat(status.conversation()).isEqualTo(new ConversationInfo("4c7a1e9b2d5f8a3c6e0b9d2f5a8c1e4b", "service",
				null));
	}

	@Test
	void parsesReadStatusWithoutPricing() {
		WhatsAppStatus status = onlyStatus("25-status-read.json");

		assertThat(status.status()).isEqualTo("read");
		assertThat(status.timestamp()).isEqualTo(Instant.ofEpochSecond(1777886490L));
		assertThat(status.pricing()).isNull();
		assertThat(status.conversation()).isNull();
	}

	@Test
	void parsesFailedStatusWithErrors() {
		WhatsAppStatus status = onlyStatus("26-status-failed.json");

		assertThat(status.status()).isEqualTo("failed");
		assertThat(status.recipientId()).isEqualTo("447700900102");
		assertThat(status.bizOpaqueCallbackData()).isEqualTo("fe603f775cba02e631f9ef73c1e9d2ce");
		assertThat(status.errors()).containsExactly(new WhatsAppError(131026, "Message undeliverable",
				"Message undeliverable", "Message Undeliverable.",
				"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"));
	}

	@Test
	void parsesSeveralMessagesInOneChange() {
		Change change = parse("27-two-messages.json").changes().get(0);

		assertThat(change.messages()).extracting(InboundMessage::content).containsExactly(
				new Text("One more thing:"),
				new Text("could you deliver to my office instead? It's 5 Market Street, Leeds LS1 6DT."));
		assertThat(change.messages()).extracting(InboundMessage::timestamp)
				.containsExactly(Instant.ofEpochSecond(1777887420L), Instant.ofEpochSecond(1777887421L));
	}

	@Test
	void parsesSeveralStatusesInOneChange() {
		Change change = parse("28-two-statuses.json").changes().get(0);

		assertThat(change.statuses()).extracting(WhatsAppStatus::status).containsExactly("delivered", "read");
		assertThat(change.statuses()).extracting(WhatsAppStatus::bizOpaqueCallbackData)
				.containsExactly("cca1419d2b65ec07cfbe1510850dc613", "7bacbdb1a70b747dfc017b0c24f171fe");
		assertThat(change.statuses().get(0).pricing()).isNotNull();
		assertThat(change.statuses().get(1).pricing()).isNull();
	}

	@Test
	void parsesTemplateStatusUpdateWithoutMetadata() {
		Change change = parse("29-template-status-update.json").changes().get(0);

		assertThat(change.metadata()).isNull();
		assertThat(change.field()).isEqualTo("message_template_status_update");
		assertThat(change.wabaId()).isEqualTo("300000000000001");
		assertThat(change.messages()).isEmpty();
		assertThat(change.statuses()).isEmpty();
		assertThat(change.errors()).isEmpty();
		assertThat(change.rawValue()).contains("\"event\":\"APPROVED\"").contains("\"delivery_rescheduled\"");
	}

	@Test
	void parsesChangeLevelErrors() {
		Change change = parse("30-value-errors.json").changes().get(0);

		assertThat(change.messages()).isEmpty();
		assertThat(change.statuses()).isEmpty();
		assertThat(change.errors()).containsExactly(new WhatsAppError(131000, "Something went wrong",
				"Something went wrong", "Message failed to send due to an unknown error.", null));
	}

	@Test
	void flattensSeveralEntriesAndChangesAndKeepsUnknownTypes() {
		WebhookNotification notification = WhatsAppWebhooks.parse(bytes(SEVERAL_ENTRIES));

		assertThat(notification.changes()).extracting(Change::wabaId, Change::field).containsExactly(
				tuple("300000000000001", "messages"),
				tuple("300000000000001", "smb_message_echoes"),
				tuple("300000000000002", "messages"),
				tuple("300000000000002", "account_update"));
		List<InboundMessage> messages = notification.changes().get(0).messages();
		assertThat(messages).extracting(InboundMessage::id).containsExactly("wamid.poll", "wamid.revoke", "wamid.edit",
				"wamid.welcome", "wamid.flow", "wamid.unknown", "wamid.carousel");

		Unsupported poll = (Unsupported) messages.get(0).content();
		assertThat(poll.type()).isEqualTo("poll");
		assertThat(poll.unsupportedType()).isNull();
		assertThat(poll.rawJson()).startsWith("{").contains("\"question\":\"Which day?\"")
				.contains("\"brand_new_field\":1");
		assertThat(messages.get(1).content()).isEqualTo(new Revoke("wamid.original"));
		Edit edit = (Edit) messages.get(2).content();
		assertThat(edit.originalMessageId()).isEqualTo("wamid.original");
		assertThat(WhatsAppWebhooks.editedContent(edit)).isEqualTo(new Text("6pm, not 5pm"));
		assertThat(messages.get(3).content()).isEqualTo(new RequestWelcome());
		assertThat(messages.get(4).content()).isEqualTo(new InteractiveReply("nfm_reply", null, "Sent", "flow",
				"{\"flow_token\":\"t-1\",\"slot\":\"tue\"}"));
		assertThat(messages.get(4).context())
				.isEqualTo(new MessageContext(null, null, true, false, "700000000000001", "KETTLE-BLUE-17"));
		assertThat(messages.get(5).content()).isInstanceOfSatisfying(Unsupported.class,
				unknown -> assertThat(unknown.unsupportedType()).isEqualTo("pool"));
		assertThat(messages.get(6).content()).isInstanceOfSatisfying(InteractiveReply.class, other -> {
			assertThat(other.replyType()).isEqualTo("other");
			assertThat(other.id()).isEqualTo("card-2");
			assertThat(other.title()).isEqualTo("Blue");
			assertThat(other.responseJson()).contains("carousel_reply");
		});

		assertThat(notification.changes().get(1).messages()).isEmpty();
		assertThat(notification.changes().get(1).metadata()).isNull();
		Change statuses = notification.changes().get(2);
		assertThat(statuses.metadata()).isEqualTo(new Metadata("100000000000002", null));
		assertThat(statuses.statuses()).singleElement().satisfies(status -> {
			assertThat(status.status()).isEqualTo("played");
			assertThat(status.timestamp()).isEqualTo(Instant.ofEpochSecond(1777890100L));
		});
		assertThat(notification.changes().get(3).rawValue()).isEqualTo("{\"event\":\"VERIFIED_ACCOUNT\"}");
	}

	@Test
	void toleratesMissingAndOddlyShapedParts() {
		WebhookNotification empty = WhatsAppWebhooks.parse(bytes("{}"));
		assertThat(empty.object()).isEmpty();
		assertThat(empty.isWhatsAppBusinessAccount()).isFalse();
		assertThat(empty.changes()).isEmpty();

		WebhookNotification odd = WhatsAppWebhooks.parse(bytes("""
				{"object":"page","entry":[{"changes":[{"value":{"messages":{"not":"an array"},"statuses":[1,"x"],
				"contacts":[{}]}},{"field":"messages"}]},"not an entry"]}"""));
		assertThat(odd.changes()).hasSize(2);
		Change first = odd.changes().get(0);
		assertThat(first.wabaId()).isEmpty();
		assertThat(first.field()).isEmpty();
		assertThat(first.messages()).isEmpty();
		assertThat(first.statuses()).isEmpty();
		assertThat(first.contacts()).containsExactly(new SenderProfile(null, null, null, null, null));
		assertThat(odd.changes().get(1).rawValue()).isEqualTo("{}");

		InboundMessage bare = WhatsAppWebhooks.parse(bytes("""
				{"entry":[{"changes":[{"value":{"messages":[{"type":"image"},{"type":"location",
				"location":{"name":"nowhere"}},{}]}}]}]}""")).changes().get(0).messages().get(0);
		assertThat(bare.id()).isEmpty();
		assertThat(bare.timestamp()).isEqualTo(Instant.EPOCH);
		assertThat(bare.content()).isInstanceOf(Unsupported.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "not json", "{\"object\":", "[]", "\"text\"", "42", "null", "{} {}" })
	void rejectsBodiesThatAreNotJsonObjects(String body) {
		assertThatExceptionOfType(MalformedWebhook.class).isThrownBy(() -> WhatsAppWebhooks.parse(bytes(body)));
	}

	@Test
	void namesWhatKeepsAMessageOrStatusFromBeingTakenIn() {
		WebhookNotification notification = WhatsAppWebhooks.parse(bytes("""
				{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{
				"metadata":{"phone_number_id":"1"},"messages":[
				{"from":"447700900001","type":"text"},
				{"id":"wamid.2","from":" ","type":"text"},
				{"id":"wamid.3","from_user_id":"US.1","type":"text"},
				{"id":"%s","from":"447700900001","type":"text"}],
				"statuses":[{"id":"wamid.4","status":"sent"},{"id":"wamid.5","status":"sent","recipient_user_id":"US.1"},
				{"id":"wamid.6","recipient_id":"1"}]}}]}]}""".formatted("x".repeat(257))));
		Change change = notification.changes().getFirst();

		assertThat(change.messages()).extracting(InboundMessage::defect).containsExactly("messages[].id is missing",
				"messages[].from (or from_user_id) is missing", null, "messages[].id is longer than 256 characters");
		assertThat(change.messages().get(1).from()).isNull();
		assertThat(change.statuses()).extracting(WhatsAppStatus::defect).containsExactly(
				"statuses[].recipient_id (or recipient_user_id) is missing", null, "statuses[].status is missing");
		assertThat(change.defect()).isNull();
	}

	@Test
	void refusesABodyInWhichAnObjectGivesAKeyTwice() {
		assertThatExceptionOfType(DuplicateJsonKey.class).isThrownBy(() -> WhatsAppWebhooks.parse(bytes("""
				{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[
				{"id":"wamid.1","from":"447700900001","type":"text","text":{"body":"a","body":"b"}}]}}]}]}""")));
	}

	@Test
	void roundTripsWorkRecordsThroughJson() throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		List<WhatsAppMessageReceived> messages = new ArrayList<>();
		List<WhatsAppStatusReceived> statuses = new ArrayList<>();
		List<WebhookNotification> notifications = new ArrayList<>();
		corpus().forEach(file -> notifications.add(parse(file)));
		notifications.add(WhatsAppWebhooks.parse(bytes(SEVERAL_ENTRIES)));
		Instant receivedAt = Instant.parse("2026-05-04T09:00:00.123456Z");
		for (WebhookNotification notification : notifications) {
			for (Change change : notification.changes()) {
				Metadata metadata = change.metadata() != null ? change.metadata() : new Metadata("none", null);
				for (InboundMessage message : change.messages()) {
					messages.add(new WhatsAppMessageReceived("sandbox", metadata, change.senderOf(message), message,
							receivedAt));
				}
				for (WhatsAppStatus status : change.statuses()) {
					statuses.add(new WhatsAppStatusReceived("sandbox", metadata, status, receivedAt));
				}
			}
		}
		Set<Class<?>> kinds = new HashSet<>();
		messages.forEach(received -> kinds.add(received.message().content().getClass()));
		assertThat(kinds).containsExactlyInAnyOrder(MessageContent.class.getPermittedSubclasses());

		for (WhatsAppMessageReceived received : messages) {
			String written = json.writeValueAsString(received);
			assertThat(json.readValue(written, WhatsAppMessageReceived.class)).as(written).isEqualTo(received);
		}
		for (WhatsAppStatusReceived received : statuses) {
			String written = json.writeValueAsString(received);
			assertThat(json.readValue(written, WhatsAppStatusReceived.class)).as(written).isEqualTo(received);
		}
	}

	@Test
	void writesMediaKindApartFromTheVariantName() {
		JsonMapper json = JsonMapper.builder().build();

		String written = json.writeValueAsString(onlyMessage("05-audio-voice.json").content());

		assertThat(written).contains("\"kind\":\"media\"").contains("\"mediaKind\":\"audio\"");
	}

	@Test
	void readsContentWhoseKindIsNotTheFirstProperty() {
		JsonMapper json = JsonMapper.builder().build();
		String reordered = """
				{"url": null, "voice": true, "sha256": null, "caption": null, "mediaId": "900000000000501",
				"animated": false, "filename": null, "mimeType": "audio/ogg", "mediaKind": "audio", "kind": "media"}""";

		assertThat(json.readValue(reordered, MessageContent.class)).isEqualTo(
				new Media("audio", "900000000000501", "audio/ogg", null, null, null, true, false, null));
	}

	private static WebhookNotification parse(String file) {
		try {
			return WhatsAppWebhooks.parse(Files.readAllBytes(INBOUND.resolve(file)));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static InboundMessage onlyMessage(String file) {
		List<Change> changes = parse(file).changes();
		assertThat(changes).hasSize(1);
		assertThat(changes.get(0).messages()).hasSize(1);
		return changes.get(0).messages().get(0);
	}

	private static WhatsAppStatus onlyStatus(String file) {
		List<Change> changes = parse(file).changes();
		assertThat(changes).hasSize(1);
		assertThat(changes.get(0).statuses()).hasSize(1);
		return changes.get(0).statuses().get(0);
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}
}
