package io.switchboard.genesys;

import static io.switchboard.platform.JsonFields.flag;
import static io.switchboard.platform.JsonFields.longValue;
import static io.switchboard.platform.JsonFields.objects;
import static io.switchboard.platform.JsonFields.string;

import io.switchboard.genesys.GenesysOutboundMessage.Attachment;
import io.switchboard.genesys.GenesysOutboundMessage.Content;
import io.switchboard.genesys.GenesysOutboundMessage.Event;
import io.switchboard.genesys.GenesysOutboundMessage.Party;
import io.switchboard.genesys.GenesysOutboundMessage.QuickReply;
import io.switchboard.genesys.GenesysOutboundMessage.Reason;
import io.switchboard.platform.DuplicateJsonKey;
import io.switchboard.platform.JsonFields;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the bodies Genesys Cloud posts to an Open Messaging integration's outbound webhook. Parsing is tolerant:
 * unknown fields, {@code type} values and content types never fail (unknown types are kept as sent, unknown content is
 * kept as raw JSON), and missing arrays read as empty lists. The body is read once, as a tree, with the shared strict
 * mapper ({@link JsonFields#mapper()}); it runs on the acknowledgement path. A body in which an object gives a key
 * twice is refused.
 * <p>
 * Verify the body's signature over the raw bytes before parsing: re-serialising changes them.
 */
public final class GenesysWebhooks {

	private static final JsonMapper JSON = JsonFields.mapper();

	private GenesysWebhooks() {}

	/**
	 * Parses a webhook body.
	 *
	 * @param rawBody the body exactly as received; must not be {@literal null}.
	 * @return the message.
	 * @throws MalformedGenesysWebhook if the body is not a JSON object.
	 * @throws DuplicateJsonKey if an object in the body gives a key twice.
	 */
	public static GenesysOutboundMessage parse(byte[] rawBody) {
		Objects.requireNonNull(rawBody, "body must not be null");
		JsonNode root;
		try {
			root = JsonFields.readStrictly(rawBody);
		}
		catch (JacksonException e) {
			throw new MalformedGenesysWebhook("the body is not valid JSON", e);
		}
		if (root == null || !root.isObject()) {
			throw new MalformedGenesysWebhook("the body is not a JSON object", null);
		}
		JsonNode channel = root.path("channel");
		String messageId = string(channel, "messageId");
		String id = string(root, "id");
		Party to = party(channel.path("to"));
		return new GenesysOutboundMessage(id != null ? id : orEmpty(messageId), orEmpty(string(channel, "id")),
				messageId, to != null ? to : new Party("", null, null), party(channel.path("from")),
				instant(channel, "time"), string(root, "conversationId"), orEmpty(string(root, "type")),
				string(root, "text"), objects(root, "content", GenesysWebhooks::content),
				objects(root, "events", GenesysWebhooks::event), string(root, "status"),
				objects(root, "reasons", reason -> new Reason(orEmpty(string(reason, "code")), string(reason, "message"))),
				flag(root, "isFinalReceipt"), string(root, "direction"), string(root, "originatingEntity"));
	}

	private static @Nullable Party party(JsonNode party) {
		if (!party.isObject()) {
			return null;
		}
		return new Party(orEmpty(string(party, "id")), string(party, "idType"), string(party, "nickname"));
	}

	private static Content content(JsonNode content) {
		return new Content(orEmpty(string(content, "contentType")), attachment(content.path("attachment")),
				quickReply(content.path("quickReply")), JSON.writeValueAsString(content));
	}

	private static @Nullable Attachment attachment(JsonNode attachment) {
		if (!attachment.isObject()) {
			return null;
		}
		return new Attachment(string(attachment, "id"), string(attachment, "mediaType"), string(attachment, "url"),
				string(attachment, "mime"), string(attachment, "filename"), string(attachment, "text"),
				string(attachment, "sha256"), longValue(attachment.path("contentSizeBytes")));
	}

	private static @Nullable QuickReply quickReply(JsonNode quickReply) {
		if (!quickReply.isObject()) {
			return null;
		}
		return new QuickReply(orEmpty(string(quickReply, "text")), string(quickReply, "payload"),
				string(quickReply, "action"));
	}

	private static Event event(JsonNode event) {
		JsonNode typing = event.path("typing");
		return new Event(orEmpty(string(event, "eventType")), string(typing, "type"),
				longValue(typing.path("duration")));
	}

	private static @Nullable Instant instant(JsonNode parent, String name) {
		String value = string(parent, name);
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeException e) {
			return null;
		}
	}

	private static String orEmpty(@Nullable String value) {
		return value == null ? "" : value;
	}
}
