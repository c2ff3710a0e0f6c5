package io.switchboard.sandbox.meta;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Checks bodies of {@code POST /{version}/{phone-number-id}/messages} the way the Cloud API does, for the message types
 * the simulator supports: {@code text}, {@code interactive} ({@code button}, {@code list}), {@code image},
 * {@code video}, {@code audio}, {@code document}, {@code sticker} (by {@code id} or {@code link}), {@code location},
 * {@code contacts}, {@code reaction} and {@code template}; and mark-as-read bodies, with or without the typing
 * indicator. Violations throw a {@link MetaGraphError} whose {@code error_data.details} names the field, Graph style
 * ({@code Param text['body'] ...}):
 * <ul>
 * <li>131008 (required parameter is missing) when a required field is absent;</li>
 * <li>131009 (parameter value is not valid) for the limits of interactive messages: number of buttons and rows,
 * lengths of titles, ids, labels and texts, unique ids;</li>
 * <li>100 (invalid parameter) for everything else: wrong types, unsupported values, {@code to} together with
 * {@code recipient}, lengths of text bodies, captions and {@code biz_opaque_callback_data}.</li>
 * </ul>
 * Lengths are counted in Unicode code points. Unknown fields are ignored, as Graph mostly does.
 */
final class MetaGraphValidation {

	static final int MAX_TEXT = 4096;
	static final int MAX_CAPTION = 1024;
	static final int MAX_CALLBACK_DATA = 512;
	static final int MAX_BUTTONS = 3;
	static final int MAX_BUTTON_TITLE = 20;
	static final int MAX_BUTTON_ID = 256;
	static final int MAX_BUTTON_BODY = 1024;
	static final int MAX_LIST_BODY = 4096;
	static final int MAX_HEADER = 60;
	static final int MAX_FOOTER = 60;
	static final int MAX_LIST_BUTTON = 20;
	static final int MAX_SECTIONS = 10;
	static final int MAX_ROWS = 10;
	static final int MAX_SECTION_TITLE = 24;
	static final int MAX_ROW_ID = 200;
	static final int MAX_ROW_TITLE = 24;
	static final int MAX_ROW_DESCRIPTION = 72;

	static final List<String> TYPES = List.of("text", "interactive", "image", "video", "audio", "document",
			"sticker", "location", "contacts", "reaction", "template");
	static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");

	private MetaGraphValidation() {}

	/**
	 * A valid send.
	 *
	 * @param to the {@code to} as sent, if the send is to a phone number.
	 * @param waId {@code to} reduced to its digits.
	 * @param recipient the BSUID, if the send is to one.
	 * @param type the message type.
	 * @param callbackData {@code biz_opaque_callback_data}, if given.
	 */
	record CheckedSend(@Nullable String to, @Nullable String waId, @Nullable String recipient, String type,
			@Nullable String callbackData) {

		/**
		 * @return whether only a template may be sent outside the customer service window.
		 */
		boolean freeForm() {
			return !type.equals("template");
		}

		/**
		 * @return the customer: the wa_id, or the BSUID.
		 */
		String customer() {
			return waId != null ? waId : recipient == null ? "" : recipient;
		}
	}

	/**
	 * A valid mark-as-read.
	 *
	 * @param messageId the customer's message to mark read.
	 * @param typing whether the typing indicator is shown too.
	 */
	record CheckedRead(String messageId, boolean typing) {}

	/**
	 * @return whether the body marks a message read (it has a {@code status}) rather than sending one.
	 */
	static boolean isMarkRead(JsonNode body) {
		return body.isObject() && body.has("status");
	}

	static CheckedSend send(JsonNode body) {
		requireObject(body, "body");
		messagingProduct(body);
		JsonNode recipientType = body.get("recipient_type");
		if (recipientType != null && !"individual".equals(string(recipientType))) {
			throw MetaGraphError.invalidParameter("Param recipient_type must be individual (the sandbox does not "
					+ "simulate groups)");
		}
		JsonNode toNode = body.get("to");
		JsonNode recipientNode = body.get("recipient");
		boolean hasTo = toNode != null && !toNode.isNull();
		boolean hasRecipient = recipientNode != null && !recipientNode.isNull();
		if (hasTo && hasRecipient) {
			throw MetaGraphError.invalidParameter("Params to and recipient cannot be used together");
		}
		if (!hasTo && !hasRecipient) {
			throw MetaGraphError.missingParameter("Param to or recipient is required");
		}
		String to = null;
		String waId = null;
		String recipient = null;
		if (hasTo) {
			to = requireString(toNode, "to");
			waId = to.replaceAll("[\\s+()\\-.]", "");
			if (!waId.matches("\\d{6,15}")) {
				throw MetaGraphError.invalidParameter("Param to must be a phone number: 6 to 15 digits");
			}
		}
		else {
			recipient = requireString(recipientNode, "recipient");
			if (!recipient.matches("[A-Z]{2}\\.[A-Za-z0-9]{6,64}")) {
				throw MetaGraphError.invalidParameter("Param recipient must be a business-scoped user id such as "
						+ "US.13491208655302741918");
			}
		}
		JsonNode typeNode = body.get("type");
		String type = typeNode == null || typeNode.isNull() ? "text" : requireString(typeNode, "type");
		if (!TYPES.contains(type)) {
			throw MetaGraphError.invalidParameter("Param type must be one of {" + String.join(", ", TYPES) + "}");
		}
		JsonNode content = body.get(type);
		if (content == null || content.isNull()) {
			throw MetaGraphError.missingParameter("Param " + type + " is required for type " + type);
		}
		switch (type) {
			case "text" -> textMessage(content);
			case "interactive" -> interactive(content);
			case "location" -> location(content);
			case "contacts" -> contacts(content);
			case "reaction" -> reaction(content);
			case "template" -> template(content);
			default -> media(type, content);
		}
		JsonNode context = body.get("context");
		if (context != null && !context.isNull()) {
			requireObject(context, "context");
			requireNonBlank(context.get("message_id"), "context['message_id']");
		}
		String callbackData = null;
		JsonNode callback = body.get("biz_opaque_callback_data");
		if (callback != null && !callback.isNull()) {
			callbackData = requireString(callback, "biz_opaque_callback_data");
			maxLength(callbackData, MAX_CALLBACK_DATA, "biz_opaque_callback_data", false);
		}
		return new CheckedSend(to, waId, recipient, type, callbackData);
	}

	static CheckedRead markRead(JsonNode body) {
		requireObject(body, "body");
		messagingProduct(body);
		if (!"read".equals(string(body.get("status")))) {
			throw MetaGraphError.invalidParameter("Param status must be read");
		}
		String messageId = requireNonBlank(body.get("message_id"), "message_id");
		JsonNode typing = body.get("typing_indicator");
		if (typing != null && !typing.isNull()) {
			requireObject(typing, "typing_indicator");
			if (!"text".equals(string(typing.get("type")))) {
				throw MetaGraphError.invalidParameter("Param typing_indicator['type'] must be text");
			}
		}
		return new CheckedRead(messageId, typing != null && !typing.isNull());
	}

	private static void messagingProduct(JsonNode body) {
		JsonNode product = body.get("messaging_product");
		if (product == null || product.isNull()) {
			throw MetaGraphError.invalidParameter("The parameter messaging_product is required.");
		}
		if (!"whatsapp".equals(string(product))) {
			throw MetaGraphError.invalidParameter("Param messaging_product must be whatsapp");
		}
	}

	private static void textMessage(JsonNode text) {
		requireObject(text, "text");
		JsonNode body = text.get("body");
		if (body == null || body.isNull()) {
			throw MetaGraphError.missingParameter("Param text['body'] is required");
		}
		String value = requireString(body, "text['body']");
		if (value.isEmpty()) {
			throw MetaGraphError.invalidParameter("Param text['body'] must be at least 1 character long");
		}
		maxLength(value, MAX_TEXT, "text['body']", false);
		JsonNode preview = text.get("preview_url");
		if (preview != null && !preview.isNull() && !preview.isBoolean()) {
			throw MetaGraphError.invalidParameter("Param text['preview_url'] must be a boolean");
		}
	}

	private static void interactive(JsonNode interactive) {
		requireObject(interactive, "interactive");
		String type = requireNonBlank(interactive.get("type"), "interactive['type']");
		if (!type.equals("button") && !type.equals("list")) {
			throw MetaGraphError.invalidParameter("Param interactive['type'] must be one of {button, list} (the "
					+ "interactive types the sandbox simulates)");
		}
		JsonNode header = interactive.get("header");
		if (header != null && !header.isNull()) {
			requireObject(header, "interactive['header']");
			String headerType = requireNonBlank(header.get("type"), "interactive['header']['type']");
			if (headerType.equals("text")) {
				String text = requireNonBlank(header.get("text"), "interactive['header']['text']");
				maxLength(text, MAX_HEADER, "interactive['header']['text']", true);
			}
			else if (type.equals("button") && Set.of("image", "video", "document").contains(headerType)) {
				media(headerType, header.get(headerType) == null ? missing("interactive['header']['" + headerType
						+ "']") : header.get(headerType));
			}
			else {
				throw MetaGraphError.invalidParameter("Param interactive['header']['type'] must be text"
						+ (type.equals("button") ? ", image, video or document" : " for list messages"));
			}
		}
		JsonNode body = interactive.get("body");
		if (body == null || body.isNull()) {
			throw MetaGraphError.missingParameter("Param interactive['body'] is required");
		}
		requireObject(body, "interactive['body']");
		String text = requireNonBlank(body.get("text"), "interactive['body']['text']");
		maxLength(text, type.equals("button") ? MAX_BUTTON_BODY : MAX_LIST_BODY, "interactive['body']['text']", true);
		JsonNode footer = interactive.get("footer");
		if (footer != null && !footer.isNull()) {
			requireObject(footer, "interactive['footer']");
			maxLength(requireNonBlank(footer.get("text"), "interactive['footer']['text']"), MAX_FOOTER,
					"interactive['footer']['text']", true);
		}
		JsonNode action = interactive.get("action");
		if (action == null || action.isNull()) {
			throw MetaGraphError.missingParameter("Param interactive['action'] is required");
		}
		requireObject(action, "interactive['action']");
		if (type.equals("button")) {
			buttons(action);
		}
		else {
			list(action);
		}
	}

	private static void buttons(JsonNode action) {
		JsonNode buttons = action.get("buttons");
		if (buttons == null || buttons.isNull()) {
			throw MetaGraphError.missingParameter("Param interactive['action']['buttons'] is required");
		}
		requireArray(buttons, "interactive['action']['buttons']");
		if (buttons.isEmpty() || buttons.size() > MAX_BUTTONS) {
			throw MetaGraphError.invalidValue("Param interactive['action']['buttons'] must have between 1 and "
					+ MAX_BUTTONS + " elements, has " + buttons.size());
		}
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < buttons.size(); i++) {
			String path = "interactive['action']['buttons'][" + i + "]";
			JsonNode button = buttons.get(i);
			requireObject(button, path);
			if (!"reply".equals(string(button.get("type")))) {
				throw MetaGraphError.invalidParameter("Param " + path + "['type'] must be reply");
			}
			JsonNode reply = button.get("reply");
			if (reply == null || reply.isNull()) {
				throw MetaGraphError.missingParameter("Param " + path + "['reply'] is required");
			}
			requireObject(reply, path + "['reply']");
			String id = requireNonBlank(reply.get("id"), path + "['reply']['id']");
			maxLength(id, MAX_BUTTON_ID, path + "['reply']['id']", true);
			String title = requireNonBlank(reply.get("title"), path + "['reply']['title']");
			maxLength(title, MAX_BUTTON_TITLE, path + "['reply']['title']", true);
			if (!ids.add(id)) {
				throw MetaGraphError.invalidValue("Param " + path + "['reply']['id'] must be unique: " + id
						+ " is used by another button");
			}
		}
	}

	private static void list(JsonNode action) {
		String button = requireNonBlank(action.get("button"), "interactive['action']['button']");
		maxLength(button, MAX_LIST_BUTTON, "interactive['action']['button']", true);
		JsonNode sections = action.get("sections");
		if (sections == null || sections.isNull()) {
			throw MetaGraphError.missingParameter("Param interactive['action']['sections'] is required");
		}
		requireArray(sections, "interactive['action']['sections']");
		if (sections.isEmpty() || sections.size() > MAX_SECTIONS) {
			throw MetaGraphError.invalidValue("Param interactive['action']['sections'] must have between 1 and "
					+ MAX_SECTIONS + " elements, has " + sections.size());
		}
		int rows = 0;
		Set<String> ids = new HashSet<>();
		for (int s = 0; s < sections.size(); s++) {
			String path = "interactive['action']['sections'][" + s + "]";
			JsonNode section = sections.get(s);
			requireObject(section, path);
			JsonNode title = section.get("title");
			if (title != null && !title.isNull()) {
				maxLength(requireNonBlank(title, path + "['title']"), MAX_SECTION_TITLE, path + "['title']", true);
			}
			else if (sections.size() > 1) {
				throw MetaGraphError.missingParameter("Param " + path + "['title'] is required when there is more "
						+ "than one section");
			}
			JsonNode sectionRows = section.get("rows");
			if (sectionRows == null || sectionRows.isNull()) {
				throw MetaGraphError.missingParameter("Param " + path + "['rows'] is required");
			}
			requireArray(sectionRows, path + "['rows']");
			if (sectionRows.isEmpty()) {
				throw MetaGraphError.invalidValue("Param " + path + "['rows'] must have at least 1 element");
			}
			for (int r = 0; r < sectionRows.size(); r++) {
				rows++;
				String rowPath = path + "['rows'][" + r + "]";
				JsonNode row = sectionRows.get(r);
				requireObject(row, rowPath);
				String id = requireNonBlank(row.get("id"), rowPath + "['id']");
				maxLength(id, MAX_ROW_ID, rowPath + "['id']", true);
				if (!ids.add(id)) {
					throw MetaGraphError.invalidValue("Param " + rowPath + "['id'] must be unique: " + id
							+ " is used by another row");
				}
				maxLength(requireNonBlank(row.get("title"), rowPath + "['title']"), MAX_ROW_TITLE,
						rowPath + "['title']", true);
				JsonNode description = row.get("description");
				if (description != null && !description.isNull()) {
					maxLength(requireString(description, rowPath + "['description']"), MAX_ROW_DESCRIPTION,
							rowPath + "['description']", true);
				}
			}
		}
		if (rows > MAX_ROWS) {
			throw MetaGraphError.invalidValue("Param interactive['action']['sections'] must have at most " + MAX_ROWS
					+ " rows in total, has " + rows);
		}
	}

	private static void media(String type, JsonNode media) {
		requireObject(media, type);
		JsonNode id = media.get("id");
		JsonNode link = media.get("link");
		boolean hasId = id != null && !id.isNull();
		boolean hasLink = link != null && !link.isNull();
		if (hasId && hasLink) {
			throw MetaGraphError.invalidParameter("Param " + type + " must have either id or link, not both");
		}
		if (!hasId && !hasLink) {
			throw MetaGraphError.missingParameter("Param " + type + "['id'] or " + type + "['link'] is required");
		}
		if (hasId) {
			requireNonBlank(id, type + "['id']");
		}
		else {
			String url = requireNonBlank(link, type + "['link']");
			try {
				URI uri = new URI(url);
				if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
					throw MetaGraphError.invalidParameter("Param " + type + "['link'] must be an http(s) URL");
				}
			}
			catch (URISyntaxException e) {
				throw MetaGraphError.invalidParameter("Param " + type + "['link'] must be an http(s) URL");
			}
		}
		JsonNode caption = media.get("caption");
		if (caption != null && !caption.isNull()) {
			if (type.equals("audio") || type.equals("sticker")) {
				throw MetaGraphError.invalidParameter("Param " + type + "['caption'] is not supported: " + type
						+ " messages have no caption");
			}
			maxLength(requireString(caption, type + "['caption']"), MAX_CAPTION, type + "['caption']", false);
		}
		JsonNode filename = media.get("filename");
		if (filename != null && !filename.isNull()) {
			requireString(filename, type + "['filename']");
		}
	}

	private static void location(JsonNode location) {
		requireObject(location, "location");
		coordinate(location.get("latitude"), "location['latitude']", 90);
		coordinate(location.get("longitude"), "location['longitude']", 180);
		for (String name : List.of("name", "address")) {
			JsonNode value = location.get(name);
			if (value != null && !value.isNull()) {
				requireString(value, "location['" + name + "']");
			}
		}
	}

	private static void coordinate(@Nullable JsonNode value, String field, int limit) {
		if (value == null || value.isNull()) {
			throw MetaGraphError.missingParameter("Param " + field + " is required");
		}
		double number;
		if (value.isNumber()) {
			number = value.doubleValue();
		}
		else if (value.isString()) {
			try {
				number = Double.parseDouble(value.stringValue());
			}
			catch (NumberFormatException e) {
				throw MetaGraphError.invalidParameter("Param " + field + " must be a number");
			}
		}
		else {
			throw MetaGraphError.invalidParameter("Param " + field + " must be a number");
		}
		if (Double.isNaN(number) || Math.abs(number) > limit) {
			throw MetaGraphError.invalidParameter("Param " + field + " must be between -" + limit + " and " + limit);
		}
	}

	private static void contacts(JsonNode contacts) {
		requireArray(contacts, "contacts");
		if (contacts.isEmpty()) {
			throw MetaGraphError.missingParameter("Param contacts must have at least 1 element");
		}
		for (int i = 0; i < contacts.size(); i++) {
			String path = "contacts[" + i + "]";
			JsonNode contact = contacts.get(i);
			requireObject(contact, path);
			JsonNode name = contact.get("name");
			if (name == null || name.isNull()) {
				throw MetaGraphError.missingParameter("Param " + path + "['name'] is required");
			}
			requireObject(name, path + "['name']");
			requireNonBlank(name.get("formatted_name"), path + "['name']['formatted_name']");
		}
	}

	private static void reaction(JsonNode reaction) {
		requireObject(reaction, "reaction");
		requireNonBlank(reaction.get("message_id"), "reaction['message_id']");
		JsonNode emoji = reaction.get("emoji");
		if (emoji == null || emoji.isNull()) {
			throw MetaGraphError.missingParameter("Param reaction['emoji'] is required (empty to remove a reaction)");
		}
		requireString(emoji, "reaction['emoji']");
	}

	private static void template(JsonNode template) {
		requireObject(template, "template");
		requireNonBlank(template.get("name"), "template['name']");
		JsonNode language = template.get("language");
		if (language == null || language.isNull()) {
			throw MetaGraphError.missingParameter("Param template['language'] is required");
		}
		requireObject(language, "template['language']");
		requireNonBlank(language.get("code"), "template['language']['code']");
		JsonNode components = template.get("components");
		if (components != null && !components.isNull()) {
			requireArray(components, "template['components']");
			for (int i = 0; i < components.size(); i++) {
				String path = "template['components'][" + i + "]";
				requireObject(components.get(i), path);
				requireNonBlank(components.get(i).get("type"), path + "['type']");
			}
		}
	}

	private static JsonNode missing(String field) {
		throw MetaGraphError.missingParameter("Param " + field + " is required");
	}

	private static void requireObject(@Nullable JsonNode node, String field) {
		if (node == null || !node.isObject()) {
			throw MetaGraphError.invalidParameter("Param " + field + " must be a JSON object");
		}
	}

	private static void requireArray(JsonNode node, String field) {
		if (!node.isArray()) {
			throw MetaGraphError.invalidParameter("Param " + field + " must be an array");
		}
	}

	private static String requireString(JsonNode node, String field) {
		if (!node.isString()) {
			throw MetaGraphError.invalidParameter("Param " + field + " must be a string");
		}
		return node.stringValue();
	}

	private static String requireNonBlank(@Nullable JsonNode node, String field) {
		if (node == null || node.isNull()) {
			throw MetaGraphError.missingParameter("Param " + field + " is required");
		}
		String value = requireString(node, field);
		if (value.isBlank()) {
			throw MetaGraphError.missingParameter("Param " + field + " is required and must not be blank");
		}
		return value;
	}

	private static void maxLength(String value, int max, String field, boolean interactiveLimit) {
		int length = value.codePointCount(0, value.length());
		if (length > max) {
			String details = "Param " + field + " must be at most " + max + " characters long, is " + length;
			throw interactiveLimit ? MetaGraphError.invalidValue(details) : MetaGraphError.invalidParameter(details);
		}
	}

	private static @Nullable String string(@Nullable JsonNode node) {
		return node != null && node.isString() ? node.stringValue() : null;
	}
}
