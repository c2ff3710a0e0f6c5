package io.switchboard.whatsapp;

import static io.switchboard.platform.JsonFields.doubleValue;
import static io.switchboard.platform.JsonFields.flag;
import static io.switchboard.platform.JsonFields.string;

import io.switchboard.platform.DuplicateJsonKey;
import io.switchboard.platform.JsonFields;
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

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads WhatsApp Cloud API webhook bodies. Parsing is tolerant: unknown fields, {@code field} values and message types
 * never fail (unknown message types become {@link Unsupported}, kept whole), and missing arrays read as empty lists.
 * The body is read once, as a tree, with the shared strict mapper ({@link JsonFields#mapper()}); it runs on the
 * acknowledgement path. A body in which an object gives a key twice is refused.
 * <p>
 * Verify the body's signature over the raw bytes before parsing: re-serialising changes them.
 */
public final class WhatsAppWebhooks {

	private static final JsonMapper JSON = JsonFields.mapper();

	private static final Set<String> CONTENT_TYPES = Set.of("text", Media.IMAGE, Media.VIDEO, Media.AUDIO,
			Media.DOCUMENT, Media.STICKER, "location", "contacts", "interactive", "button", "reaction", "order");

	private WhatsAppWebhooks() {}

	/**
	 * Parses a webhook body.
	 *
	 * @param rawBody the body exactly as received; must not be {@literal null}.
	 * @return every change of every entry, in order.
	 * @throws MalformedWebhook if the body is not a JSON object.
	 * @throws DuplicateJsonKey if an object in the body gives a key twice.
	 */
	public static WebhookNotification parse(byte[] rawBody) {
		Objects.requireNonNull(rawBody, "body must not be null");
		JsonNode root;
		try {
			root = JsonFields.readStrictly(rawBody);
		}
		catch (JacksonException e) {
			throw new MalformedWebhook("the body is not valid JSON", e);
		}
		if (root == null || !root.isObject()) {
			throw new MalformedWebhook("the body is not a JSON object", null);
		}
		List<Change> changes = new ArrayList<>();
		for (JsonNode entry : objects(root, "entry")) {
			String wabaId = orEmpty(string(entry, "id"));
			for (JsonNode change : objects(entry, "changes")) {
				changes.add(change(wabaId, change));
			}
		}
		return new WebhookNotification(orEmpty(string(root, "object")), changes);
	}

	/**
	 * Reads the new version of an edited message.
	 *
	 * @param edit must not be {@literal null}.
	 * @return the edited message's content, or {@literal null} if the edit does not carry one.
	 */
	public static @Nullable MessageContent editedContent(Edit edit) {
		JsonNode message;
		try {
			message = JSON.readTree(edit.rawJson()).path("message");
		}
		catch (JacksonException e) {
			return null;
		}
		if (!message.isObject()) {
			return null;
		}
		String type = string(message, "type");
		if (type == null) {
			type = message.propertyNames().stream().filter(CONTENT_TYPES::contains).findFirst().orElse("");
		}
		return content(type, message);
	}

	private static Change change(String wabaId, JsonNode change) {
		JsonNode value = change.path("value");
		return new Change(wabaId, orEmpty(string(change, "field")), metadata(value.path("metadata")),
				JsonFields.objects(value, "contacts", WhatsAppWebhooks::sender), JsonFields.objects(value, "messages", WhatsAppWebhooks::message),
				JsonFields.objects(value, "statuses", WhatsAppWebhooks::status), errors(value),
				value.isMissingNode() ? "{}" : compact(value));
	}

	private static @Nullable Metadata metadata(JsonNode metadata) {
		String phoneNumberId = string(metadata, "phone_number_id");
		return phoneNumberId == null || phoneNumberId.isBlank() ? null
				: new Metadata(phoneNumberId, string(metadata, "display_phone_number"));
	}

	private static SenderProfile sender(JsonNode contact) {
		JsonNode profile = contact.path("profile");
		return new SenderProfile(string(contact, "wa_id"), string(contact, "user_id"),
				string(contact, "parent_user_id"), string(profile, "name"), string(profile, "username"));
	}

	private static InboundMessage message(JsonNode message) {
		String type = orEmpty(string(message, "type"));
		return new InboundMessage(orEmpty(string(message, "id")), id(message, "from"),
				id(message, "from_user_id"), id(message, "from_parent_user_id"),
				orEpoch(instant(message, "timestamp")), type, context(message.path("context")),
				referral(message.path("referral")), errors(message), content(type, message),
				string(message, "group_id"));
	}

	private static @Nullable MessageContext context(JsonNode context) {
		if (!context.isObject()) {
			return null;
		}
		JsonNode product = context.path("referred_product");
		return new MessageContext(string(context, "from"), string(context, "id"), flag(context, "forwarded"),
				flag(context, "frequently_forwarded"), string(product, "catalog_id"),
				string(product, "product_retailer_id"));
	}

	private static @Nullable Referral referral(JsonNode referral) {
		if (!referral.isObject()) {
			return null;
		}
		return new Referral(string(referral, "source_url"), string(referral, "source_id"),
				string(referral, "source_type"), string(referral, "headline"), string(referral, "body"),
				string(referral, "media_type"), string(referral, "image_url"), string(referral, "video_url"),
				string(referral, "thumbnail_url"), string(referral, "ctwa_clid"),
				string(referral.path("welcome_message"), "text"));
	}

	private static MessageContent content(String type, JsonNode message) {
		JsonNode body = message.path(type);
		MessageContent content = switch (type) {
			case "text" -> body.isObject() ? new Text(orEmpty(string(body, "body"))) : null;
			case "image", "video", "audio", "document", "sticker" -> media(type, body);
			case "location" -> location(body);
			case "contacts" -> body.isArray() ? new SharedContacts(JsonFields.objects(message, "contacts", WhatsAppWebhooks::card))
					: null;
			case "interactive" -> interactive(body);
			case "button" -> body.isObject() ? new TemplateButtonReply(string(body, "payload"), string(body, "text"))
					: null;
			case "reaction" -> body.isObject() ? new Reaction(string(body, "message_id"), string(body, "emoji")) : null;
			case "order" -> body.isObject() ? new Order(string(body, "catalog_id"), string(body, "text"),
					JsonFields.objects(body, "product_items", WhatsAppWebhooks::orderItem)) : null;
			case "system" -> body.isObject() ? new SystemNotice(string(body, "body"), string(body, "type"),
					string(body, "wa_id")) : null;
			case "revoke" -> new Revoke(string(body, "original_message_id"));
			case "edit" -> body.isObject() ? new Edit(string(body, "original_message_id"), compact(body)) : null;
			case "request_welcome" -> new RequestWelcome();
			default -> null;
		};
		return content != null ? content
				: new Unsupported(type, string(message.path("unsupported"), "type"), compact(message));
	}

	private static @Nullable Media media(String kind, JsonNode media) {
		String id = string(media, "id");
		if (id == null || id.isBlank()) {
			return null;
		}
		return new Media(kind, id, string(media, "mime_type"), string(media, "sha256"), string(media, "caption"),
				string(media, "filename"), flag(media, "voice"), flag(media, "animated"), string(media, "url"));
	}

	private static @Nullable Location location(JsonNode location) {
		Double latitude = doubleValue(location.path("latitude"));
		Double longitude = doubleValue(location.path("longitude"));
		if (latitude == null || longitude == null) {
			return null;
		}
		return new Location(latitude, longitude, string(location, "name"), string(location, "address"),
				string(location, "url"));
	}

	private static ContactCard card(JsonNode card) {
		JsonNode name = card.path("name");
		return new ContactCard(string(name, "formatted_name"), string(name, "first_name"), string(name, "last_name"),
				JsonFields.objects(card, "phones", phone -> new ContactPhone(string(phone, "phone"), string(phone, "wa_id"),
						string(phone, "type"))),
				JsonFields.objects(card, "emails", email -> new ContactEmail(string(email, "email"), string(email, "type"))),
				string(card.path("org"), "company"));
	}

	private static @Nullable InteractiveReply interactive(JsonNode interactive) {
		if (!interactive.isObject()) {
			return null;
		}
		String type = orEmpty(string(interactive, "type"));
		JsonNode reply = interactive.path(type);
		return switch (type) {
			case InteractiveReply.BUTTON_REPLY, InteractiveReply.LIST_REPLY -> new InteractiveReply(type,
					string(reply, "id"), string(reply, "title"), string(reply, "description"), null);
			case InteractiveReply.FLOW_REPLY -> new InteractiveReply(type, null, string(reply, "body"),
					string(reply, "name"), string(reply, "response_json"));
			case InteractiveReply.CALL_PERMISSION_REPLY -> new InteractiveReply(type, null, string(reply, "response"),
					string(reply, "response_source"), compact(reply));
			default -> new InteractiveReply(InteractiveReply.OTHER, string(reply, "id"), string(reply, "title"),
					string(reply, "description"), compact(interactive));
		};
	}

	private static OrderItem orderItem(JsonNode item) {
		Double quantity = doubleValue(item.path("quantity"));
		Double price = doubleValue(item.path("item_price"));
		return new OrderItem(orEmpty(string(item, "product_retailer_id")), quantity == null ? 0 : quantity.intValue(),
				price == null ? 0 : price, string(item, "currency"));
	}

	private static WhatsAppStatus status(JsonNode status) {
		return new WhatsAppStatus(orEmpty(string(status, "id")), orEmpty(string(status, "status")),
				orEpoch(instant(status, "timestamp")), id(status, "recipient_id"),
				id(status, "recipient_user_id"), id(status, "parent_recipient_user_id"),
				string(status, "biz_opaque_callback_data"), errors(status), pricing(status.path("pricing")),
				conversation(status.path("conversation")));
	}

	private static @Nullable Pricing pricing(JsonNode pricing) {
		if (!pricing.isObject()) {
			return null;
		}
		JsonNode billable = pricing.path("billable");
		return new Pricing(billable.isBoolean() ? billable.booleanValue() : null, string(pricing, "pricing_model"),
				string(pricing, "type"), string(pricing, "category"));
	}

	private static @Nullable ConversationInfo conversation(JsonNode conversation) {
		if (!conversation.isObject()) {
			return null;
		}
		return new ConversationInfo(string(conversation, "id"), string(conversation.path("origin"), "type"),
				instant(conversation, "expiration_timestamp"));
	}

	private static List<WhatsAppError> errors(JsonNode parent) {
		return JsonFields.objects(parent, "errors", error -> {
			Double code = doubleValue(error.path("code"));
			return new WhatsAppError(code == null ? 0 : code.intValue(), string(error, "title"),
					string(error, "message"), string(error.path("error_data"), "details"), string(error, "href"));
		});
	}

	private static List<JsonNode> objects(JsonNode parent, String name) {
		return JsonFields.objects(parent, name, Function.identity());
	}

	private static @Nullable Instant instant(JsonNode parent, String name) {
		JsonNode value = parent.path(name);
		try {
			if (value.isIntegralNumber()) {
				return Instant.ofEpochSecond(value.numberValue().longValue());
			}
			return value.isString() ? Instant.ofEpochSecond(Long.parseLong(value.stringValue().strip())) : null;
		}
		catch (NumberFormatException | DateTimeException e) {
			return null;
		}
	}

	private static String compact(JsonNode node) {
		return JSON.writeValueAsString(node);
	}

	/**
	 * @return an id field; blank reads as absent.
	 */
	private static @Nullable String id(JsonNode parent, String name) {
		String value = string(parent, name);
		return value == null || value.isBlank() ? null : value;
	}

	private static String orEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}

	private static Instant orEpoch(@Nullable Instant value) {
		return value == null ? Instant.EPOCH : value;
	}
}
