package io.switchboard.sandbox.meta;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * How the simulated customer's phone shows a message the business sent: a text and, for reply-button messages, the
 * buttons' titles (list rows become lines of the text). Media, locations, contacts, reactions and templates become
 * one bracketed line, e.g. {@code [Image] caption}.
 */
final class MetaRendering {

	private MetaRendering() {}

	/**
	 * A message as shown.
	 *
	 * @param text what the bubble says.
	 * @param buttons the reply buttons' titles; list rows are part of the text.
	 */
	record Rendered(String text, List<String> buttons) {}

	static Rendered render(JsonNode body) {
		String type = body.path("type").asString("text");
		JsonNode content = body.path(type);
		return switch (type) {
			case "text" -> new Rendered(content.path("body").asString(""), List.of());
			case "interactive" -> interactive(content);
			case "image", "video", "audio", "document", "sticker" -> new Rendered(media(type, content), List.of());
			case "location" -> new Rendered(lines(("[Location] " + content.path("name").asString("")).strip(),
					content.path("address").asString(""),
					content.path("latitude").asString("") + "," + content.path("longitude").asString("")), List.of());
			case "contacts" -> {
				List<String> cards = new ArrayList<>();
				for (JsonNode contact : content) {
					cards.add("[Contact] " + contact.path("name").path("formatted_name").asString(""));
				}
				yield new Rendered(String.join("\n", cards), List.of());
			}
			case "reaction" -> new Rendered(content.path("emoji").asString("").isEmpty() ? "[Reaction removed]"
					: "[Reaction] " + content.path("emoji").asString(""), List.of());
			case "template" -> new Rendered(template(content), List.of());
			default -> new Rendered("[" + type + "]", List.of());
		};
	}

	private static Rendered interactive(JsonNode interactive) {
		String text = lines(interactive.path("header").path("text").asString(""),
				interactive.path("body").path("text").asString(""),
				interactive.path("footer").path("text").asString(""));
		JsonNode action = interactive.path("action");
		if ("list".equals(interactive.path("type").asString(""))) {
			List<String> rows = new ArrayList<>();
			for (JsonNode section : action.path("sections")) {
				for (JsonNode row : section.path("rows")) {
					String description = row.path("description").asString("");
					String title = row.path("title").asString("");
					rows.add("• " + title + (description.isEmpty() ? "" : " — " + description));
				}
			}
			text = lines(text, "[" + action.path("button").asString("List") + "]", String.join("\n", rows));
			return new Rendered(text, List.of());
		}
		List<String> buttons = new ArrayList<>();
		for (JsonNode button : action.path("buttons")) {
			buttons.add(button.path("reply").path("title").asString(""));
		}
		return new Rendered(text, List.copyOf(buttons));
	}

	private static String media(String type, JsonNode media) {
		String label = "[" + Character.toUpperCase(type.charAt(0)) + type.substring(1) + "]";
		String filename = media.path("filename").asString("");
		String caption = media.path("caption").asString("");
		StringBuilder text = new StringBuilder(label);
		if (!filename.isEmpty()) {
			text.append(' ').append(filename);
		}
		if (!caption.isEmpty()) {
			text.append(filename.isEmpty() ? " " : " — ").append(caption);
		}
		return text.toString();
	}

	private static String template(JsonNode template) {
		List<String> parameters = new ArrayList<>();
		for (JsonNode component : template.path("components")) {
			if ("body".equals(component.path("type").asString(""))) {
				for (JsonNode parameter : component.path("parameters")) {
					String value = parameter.path("text").asString("");
					if (value.isEmpty()) {
						value = parameter.path(parameter.path("type").asString("")).path("fallback_value").asString("");
					}
					if (!value.isEmpty()) {
						parameters.add(value);
					}
				}
			}
		}
		return "[Template " + template.path("name").asString("") + " · "
				+ template.path("language").path("code").asString("") + "]"
				+ (parameters.isEmpty() ? "" : " " + String.join(", ", parameters));
	}

	private static String lines(String... parts) {
		List<String> present = new ArrayList<>();
		for (String part : parts) {
			if (!part.isBlank()) {
				present.add(part);
			}
		}
		return String.join("\n", present);
	}
}
