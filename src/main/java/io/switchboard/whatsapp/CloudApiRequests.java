package io.switchboard.whatsapp;

import io.switchboard.whatsapp.OutboundContent.Button;
import io.switchboard.whatsapp.OutboundContent.ListMessage;
import io.switchboard.whatsapp.OutboundContent.Media;
import io.switchboard.whatsapp.OutboundContent.ReplyButtons;
import io.switchboard.whatsapp.OutboundContent.Row;
import io.switchboard.whatsapp.OutboundContent.Section;
import io.switchboard.whatsapp.OutboundContent.Text;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the bodies of {@code POST /{version}/{phone-number-id}/messages}, field for field as the Cloud API takes
 * them. Pure functions.
 */
public final class CloudApiRequests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private CloudApiRequests() {}

	/**
	 * @return the body that sends {@code message}.
	 */
	public static ObjectNode message(OutboundMessage message) {
		ObjectNode body = NODES.objectNode();
		body.put("messaging_product", "whatsapp");
		body.put("recipient_type", "individual");
		body.put(message.to().bsuid() ? "recipient" : "to", message.to().id());
		switch (message.content()) {
			case Text text -> {
				body.put("type", "text");
				body.putObject("text").put("preview_url", text.previewUrl()).put("body", text.body());
			}
			case ReplyButtons buttons -> {
				body.put("type", "interactive");
				ObjectNode interactive = interactive(body, "button", buttons.header(), buttons.body(), buttons.footer());
				ArrayNode list = interactive.putObject("action").putArray("buttons");
				for (Button button : buttons.buttons()) {
					list.addObject().put("type", "reply").putObject("reply").put("id", button.id())
							.put("title", button.title());
				}
			}
			case Media media -> {
				body.put("type", media.type());
				ObjectNode file = body.putObject(media.type()).put("id", media.mediaId());
				if (media.filename() != null && media.type().equals("document")) {
					file.put("filename", media.filename());
				}
				if (media.caption() != null && !media.caption().isBlank()
						&& !media.type().equals("audio") && !media.type().equals("sticker")) {
					file.put("caption", media.caption());
				}
			}
			case ListMessage list -> {
				body.put("type", "interactive");
				ObjectNode interactive = interactive(body, "list", list.header(), list.body(), list.footer());
				ObjectNode action = interactive.putObject("action").put("button", list.buttonLabel());
				ArrayNode sections = action.putArray("sections");
				for (Section section : list.sections()) {
					ObjectNode node = sections.addObject();
					if (section.title() != null) {
						node.put("title", section.title());
					}
					ArrayNode rows = node.putArray("rows");
					for (Row row : section.rows()) {
						ObjectNode r = rows.addObject().put("id", row.id()).put("title", row.title());
						if (row.description() != null) {
							r.put("description", row.description());
						}
					}
				}
			}
		}
		if (message.replyTo() != null) {
			body.putObject("context").put("message_id", message.replyTo());
		}
		if (message.callbackData() != null) {
			body.put("biz_opaque_callback_data", message.callbackData());
		}
		return body;
	}

	/**
	 * @param typing whether to show the typing indicator as well (until the next message, or 25 s).
	 * @return the body that marks a customer's message read.
	 */
	public static ObjectNode markRead(String wamid, boolean typing) {
		ObjectNode body = NODES.objectNode().put("messaging_product", "whatsapp").put("status", "read")
				.put("message_id", wamid);
		if (typing) {
			body.putObject("typing_indicator").put("type", "text");
		}
		return body;
	}

	private static ObjectNode interactive(ObjectNode body, String type, @Nullable String header, String text,
			@Nullable String footer) {
		ObjectNode interactive = body.putObject("interactive").put("type", type);
		if (header != null) {
			interactive.putObject("header").put("type", "text").put("text", header);
		}
		interactive.putObject("body").put("text", text);
		if (footer != null) {
			interactive.putObject("footer").put("text", footer);
		}
		return interactive;
	}
}
