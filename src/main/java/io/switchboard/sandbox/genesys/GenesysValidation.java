package io.switchboard.sandbox.genesys;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Checks inbound Open Messaging bodies the way Genesys Cloud does for the per-integration endpoints
 * ({@code OpenInboundNormalizedMessage}, {@code OpenInboundNormalizedReceipt}, {@code OpenInboundNormalizedEvent}). Violations throw a
 * {@link GenesysError} ({@code bad.request}, or {@code invalid.value} for enum values) naming the field. Fields Genesys
 * tolerates but the model does not have (the legacy {@code /inbound/open} endpoint's {@code channel.platform},
 * {@code channel.type}, {@code channel.to}, {@code direction}, {@code type}, or anything unknown) are accepted and
 * reported as warnings.
 * <p>
 * Text is limited to {@value #MAX_TEXT_LENGTH} code points. Genesys documents a message length limit for open
 * messaging without a figure in the material this simulator follows; 4,000 is the simulator's assumption, slightly
 * below WhatsApp's 4,096, so a bridge must be ready to be refused there.
 */
final class GenesysValidation {

	static final int MAX_TEXT_LENGTH = 4000;

	static final List<String> ID_TYPES = List.of("Email", "Phone", "Opaque");
	static final List<String> MEDIA_TYPES = List.of("Image", "Video", "Audio", "File", "Link");
	static final List<String> RECEIPT_STATUSES = List.of("Delivered", "Failed");
	static final List<String> EVENT_TYPES = List.of("Typing");
	static final List<String> REASON_CODES = List.of("MessageExpired", "RateLimited", "MessageNotAllowed",
			"GeneralError", "UnsupportedMessage", "UnknownMessage", "InvalidMessageStructure", "InvalidDestination",
			"ServerError", "MediaTypeNotAllowed", "InvalidMediaContentLength", "RecipientOptedOut");

	private static final Set<String> RECIPIENT = Set.of("id", "idType", "nickname", "firstName", "lastName", "email",
			"image");
	private static final Set<String> ATTACHMENT = Set.of("mediaType", "url", "mime", "filename", "text", "sha256",
			"id");
	private static final Map<String, String> LEGACY = Map.of(
			"channel.platform", "channel.platform belongs to the legacy /inbound/open endpoint; ignored here",
			"channel.type", "channel.type belongs to the legacy /inbound/open endpoint; ignored here",
			"channel.to", "channel.to belongs to the legacy /inbound/open endpoint; the path names the integration",
			"channel.from", "channel.from does not belong in a receipt; ignored",
			"direction", "direction belongs to the legacy /inbound/open endpoint; ignored here",
			"type", "type belongs to the legacy /inbound/open endpoint; ignored here");

	private GenesysValidation() {}

	/**
	 * The customer a valid message comes from.
	 *
	 * @param id its {@code channel.from.id}.
	 * @param nickname its {@code channel.from.nickname}, if given.
	 * @param warnings what Genesys would tolerate but a correct client does not send.
	 */
	record CheckedMessage(String id, @Nullable String nickname, List<String> warnings) {}

	/**
	 * The customer and status of a valid receipt.
	 *
	 * @param customerId its {@code channel.to.id}.
	 * @param warnings what Genesys would tolerate but a correct client does not send.
	 */
	record CheckedReceipt(String customerId, List<String> warnings) {}

	static CheckedMessage message(JsonNode body) {
		List<String> warnings = new ArrayList<>();
		requireObject(body, "body");
		unknown(body, "", Set.of("channel", "text", "content", "metadata"), warnings);

		JsonNode channel = requireObject(body.get("channel"), "channel");
		unknown(channel, "channel.", Set.of("from", "time", "messageId", "metadata"), warnings);
		JsonNode from = requireObject(channel.get("from"), "channel.from");
		unknown(from, "channel.from.", RECIPIENT, warnings);
		String id = requireText(from.get("id"), "channel.from.id");
		requireEnum(from.get("idType"), "channel.from.idType", ID_TYPES);
		for (String name : List.of("nickname", "firstName", "lastName", "email", "image")) {
			optionalText(from.get(name), "channel.from." + name);
		}
		requireTime(channel.get("time"), "channel.time");
		optionalText(channel.get("messageId"), "channel.messageId");
		optionalObject(channel.get("metadata"), "channel.metadata");
		optionalObject(body.get("metadata"), "metadata");

		String text = optionalText(body.get("text"), "text");
		JsonNode content = body.get("content");
		boolean hasContent = content != null && !content.isNull() && content.isArray() && !content.isEmpty();
		if ((text == null || text.isEmpty()) && !hasContent) {
			throw GenesysError.badRequest("should have required property 'content', should have required property "
					+ "'text', should match some schema in anyOf: a message needs text or content");
		}
		if (text != null && text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
			throw GenesysError.badRequest("text must be at most " + MAX_TEXT_LENGTH + " characters long");
		}
		if (content != null && !content.isNull()) {
			if (!content.isArray()) {
				throw GenesysError.badRequest("content must be an array");
			}
			int index = 0;
			for (JsonNode item : content) {
				String path = "content[" + index++ + "]";
				requireObject(item, path);
				unknown(item, path + ".", Set.of("attachment"), warnings);
				JsonNode attachment = requireObject(item.get("attachment"), path + ".attachment");
				unknown(attachment, path + ".attachment.", ATTACHMENT, warnings);
				requireEnum(attachment.get("mediaType"), path + ".attachment.mediaType", MEDIA_TYPES);
				requireUrl(attachment.get("url"), path + ".attachment.url");
				requireText(attachment.get("mime"), path + ".attachment.mime");
				for (String name : List.of("filename", "text", "sha256", "id")) {
					optionalText(attachment.get(name), path + ".attachment." + name);
				}
			}
		}
		return new CheckedMessage(id, optionalText(from.get("nickname"), "channel.from.nickname"),
				List.copyOf(warnings));
	}

	/**
	 * The customer of a valid event.
	 *
	 * @param customerId its {@code channel.from.id}.
	 * @param warnings what Genesys would tolerate but a correct client does not send.
	 */
	record CheckedEvent(String customerId, List<String> warnings) {}

	static CheckedEvent event(JsonNode body) {
		List<String> warnings = new ArrayList<>();
		requireObject(body, "body");
		unknown(body, "", Set.of("channel", "events"), warnings);
		JsonNode channel = requireObject(body.get("channel"), "channel");
		unknown(channel, "channel.", Set.of("from", "time", "messageId", "metadata"), warnings);
		JsonNode from = requireObject(channel.get("from"), "channel.from");
		unknown(from, "channel.from.", RECIPIENT, warnings);
		String id = requireText(from.get("id"), "channel.from.id");
		requireEnum(from.get("idType"), "channel.from.idType", ID_TYPES);
		requireTime(channel.get("time"), "channel.time");
		optionalText(channel.get("messageId"), "channel.messageId");
		optionalObject(channel.get("metadata"), "channel.metadata");
		JsonNode events = body.get("events");
		if (events == null || events.isNull() || !events.isArray() || events.isEmpty()) {
			throw GenesysError.badRequest("events is required: an array with at least one event");
		}
		int index = 0;
		for (JsonNode event : events) {
			String path = "events[" + index++ + "]";
			requireObject(event, path);
			unknown(event, path + ".", Set.of("eventType"), warnings);
			requireEnum(event.get("eventType"), path + ".eventType", EVENT_TYPES);
		}
		return new CheckedEvent(id, List.copyOf(warnings));
	}

	static CheckedReceipt receipt(JsonNode body) {
		List<String> warnings = new ArrayList<>();
		requireObject(body, "body");
		unknown(body, "", Set.of("id", "channel", "status", "reasons", "isFinalReceipt"), warnings);
		String id = requireText(body.get("id"), "id");
		if (!id.matches("[0-9a-f]{32}")) {
			warnings.add("id " + id + " does not look like a Genesys message id (32 lowercase hex characters)");
		}
		JsonNode channel = requireObject(body.get("channel"), "channel");
		unknown(channel, "channel.", Set.of("to", "time", "messageId", "metadata"), warnings);
		JsonNode to = requireObject(channel.get("to"), "channel.to");
		unknown(to, "channel.to.", RECIPIENT, warnings);
		String customerId = requireText(to.get("id"), "channel.to.id");
		requireEnum(to.get("idType"), "channel.to.idType", ID_TYPES);
		if (channel.get("time") != null) {
			requireTime(channel.get("time"), "channel.time");
		}
		optionalText(channel.get("messageId"), "channel.messageId");
		String status = requireEnum(body.get("status"), "status", RECEIPT_STATUSES);

		JsonNode reasons = body.get("reasons");
		boolean hasReasons = reasons != null && !reasons.isNull() && (!reasons.isArray() || !reasons.isEmpty());
		if (hasReasons && !status.equals("Failed")) {
			throw GenesysError.badRequest("reasons are only allowed when status is Failed");
		}
		if (hasReasons) {
			if (!reasons.isArray()) {
				throw GenesysError.badRequest("reasons must be an array");
			}
			int index = 0;
			for (JsonNode reason : reasons) {
				String path = "reasons[" + index++ + "]";
				requireObject(reason, path);
				unknown(reason, path + ".", Set.of("code", "message"), warnings);
				requireEnum(reason.get("code"), path + ".code", REASON_CODES);
				optionalText(reason.get("message"), path + ".message");
			}
		}
		else if (status.equals("Failed")) {
			warnings.add("a Failed receipt without reasons leaves the agent guessing why");
		}
		JsonNode isFinal = body.get("isFinalReceipt");
		if (isFinal != null && !isFinal.isNull() && !isFinal.isBoolean()) {
			throw GenesysError.badRequest("isFinalReceipt must be a boolean");
		}
		return new CheckedReceipt(customerId, List.copyOf(warnings));
	}

	private static JsonNode requireObject(@Nullable JsonNode node, String field) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			throw GenesysError.badRequest(field + " is required");
		}
		if (!node.isObject()) {
			throw GenesysError.badRequest(field + " must be a JSON object");
		}
		return node;
	}

	private static void optionalObject(@Nullable JsonNode node, String field) {
		if (node != null && !node.isNull() && !node.isObject()) {
			throw GenesysError.badRequest(field + " must be a JSON object");
		}
	}

	private static String requireText(@Nullable JsonNode node, String field) {
		String text = optionalText(node, field);
		if (text == null || text.isBlank()) {
			throw GenesysError.badRequest(field + " is required");
		}
		return text;
	}

	private static @Nullable String optionalText(@Nullable JsonNode node, String field) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw GenesysError.badRequest(field + " must be a string");
		}
		return node.stringValue();
	}

	private static String requireEnum(@Nullable JsonNode node, String field, List<String> allowed) {
		String value = requireText(node, field);
		if (!allowed.contains(value)) {
			throw GenesysError.invalidValue(field, value, allowed);
		}
		return value;
	}

	private static void requireTime(@Nullable JsonNode node, String field) {
		String value = requireText(node, field);
		try {
			Instant.parse(value);
		}
		catch (DateTimeParseException e) {
			throw GenesysError.badRequest(field + " must be an ISO-8601 date-time such as 2025-01-31T10:15:30.123Z");
		}
	}

	private static void requireUrl(@Nullable JsonNode node, String field) {
		String value = requireText(node, field);
		try {
			URI uri = new URI(value);
			if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
				throw GenesysError.badRequest(field + " must be an absolute http(s) URL");
			}
		}
		catch (URISyntaxException e) {
			throw GenesysError.badRequest(field + " must be an absolute http(s) URL");
		}
	}

	private static void unknown(JsonNode node, String prefix, Set<String> known, List<String> warnings) {
		for (String name : node.propertyNames()) {
			if (!known.contains(name)) {
				String field = prefix + name;
				warnings.add(LEGACY.getOrDefault(field, field + " is not part of the model; Genesys ignores it"));
			}
		}
	}
}
