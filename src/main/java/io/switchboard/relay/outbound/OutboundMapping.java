package io.switchboard.relay.outbound;

import static io.switchboard.whatsapp.OutboundContent.MAX_BUTTONS;
import static io.switchboard.whatsapp.OutboundContent.MAX_BUTTON_TITLE;
import static io.switchboard.whatsapp.OutboundContent.MAX_ROWS;
import static io.switchboard.whatsapp.OutboundContent.MAX_ROW_TITLE;
import static io.switchboard.whatsapp.OutboundContent.MAX_TEXT;

import io.switchboard.genesys.GenesysOutboundMessage;
import io.switchboard.genesys.GenesysOutboundMessage.Attachment;
import io.switchboard.genesys.GenesysOutboundMessage.Event;
import io.switchboard.genesys.GenesysOutboundMessage.QuickReply;
import io.switchboard.relay.outbound.OutboundPlan.Ignore;
import io.switchboard.relay.outbound.OutboundPlan.Receipt;
import io.switchboard.relay.outbound.OutboundPlan.Send;
import io.switchboard.relay.outbound.OutboundPlan.Typing;
import io.switchboard.whatsapp.OutboundContent;
import io.switchboard.whatsapp.OutboundContent.Button;
import io.switchboard.whatsapp.OutboundContent.ListMessage;
import io.switchboard.whatsapp.OutboundContent.ReplyButtons;
import io.switchboard.whatsapp.OutboundContent.Row;
import io.switchboard.whatsapp.OutboundContent.Section;
import io.switchboard.whatsapp.OutboundContent.Text;
import io.switchboard.whatsapp.OutboundMessage;
import io.switchboard.whatsapp.Recipient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Maps a message Genesys posted to the outbound webhook to what Switchboard sends the customer on WhatsApp, following
 * the conformance corpus's conventions. Texts keep the agent's words byte for byte, with a link preview exactly when
 * they contain an http(s) URL; a bot's quick replies become reply buttons, a list, or numbered text, whichever
 * WhatsApp's limits allow. Every message carries the Genesys message id as {@code biz_opaque_callback_data}, so
 * WhatsApp's statuses lead back to it. Pure functions.
 */
public final class OutboundMapping {

	/** The label of the button that opens a list message. */
	public static final String LIST_BUTTON = "Choose";

	private static final int MAX_INTERACTIVE_BODY = 1024;
	private static final int MAX_BUTTON_ID = 256;
	private static final int MAX_ROW_ID = 200;
	private static final int MAX_CALLBACK_DATA = 512;

	private OutboundMapping() {}

	/**
	 * Decides what a webhook message means for the customer.
	 *
	 * @param message must not be {@literal null}.
	 * @param recipient the customer on WhatsApp, resolved from {@code message.to()}; must not be {@literal null}.
	 * @return a {@link Send} for texts and quick replies, {@link Typing} for a typing event, {@link Receipt} for a
	 *         receipt, and {@link Ignore} for everything else.
	 */
	public static OutboundPlan plan(GenesysOutboundMessage message, Recipient recipient) {
		Objects.requireNonNull(message, "message must not be null");
		Objects.requireNonNull(recipient, "recipient must not be null");
		return switch (message.type()) {
			case GenesysOutboundMessage.TEXT -> textOrAttachment(message, recipient);
			case GenesysOutboundMessage.STRUCTURED -> structured(message, recipient);
			case GenesysOutboundMessage.RECEIPT -> new Receipt();
			case GenesysOutboundMessage.EVENT -> event(message);
			default -> new Ignore("Genesys messages of type '" + message.type() + "' are not relayed");
		};
	}

	private static String numbered(@Nullable String text, List<QuickReply> replies) {
		List<String> lines = new ArrayList<>(replies.size() + 1);
		if (hasText(text)) {
			lines.add(text);
		}
		for (int i = 0; i < replies.size(); i++) {
			lines.add((i + 1) + ". " + replies.get(i).text());
		}
		return String.join("\n", lines);
	}

	private static OutboundPlan textOrAttachment(GenesysOutboundMessage message, Recipient recipient) {
		Attachment attachment = message.attachment();
		if (attachment != null) {
			return withAttachment(message, recipient, attachment);
		}
		if (hasText(message.text())) {
			return send(message, recipient, texts(message.text()));
		}
		return new Ignore("a " + message.type() + " message with neither text nor attachment");
	}

	/**
	 * The one place that decides what an attachment becomes. For now only the text goes out; media sending replaces
	 * this.
	 */
	private static OutboundPlan withAttachment(GenesysOutboundMessage message, Recipient recipient,
			Attachment attachment) {
		if (hasText(message.text())) {
			return send(message, recipient, texts(message.text()));
		}
		return new Ignore("attachments are not relayed yet");
	}

	private static OutboundPlan structured(GenesysOutboundMessage message, Recipient recipient) {
		List<QuickReply> replies = message.quickReplies().stream().filter(reply -> hasText(reply.text())).toList();
		if (replies.isEmpty()) {
			return textOrAttachment(message, recipient);
		}
		return send(message, recipient, quickReplies(message.text(), replies));
	}

	private static List<OutboundContent> quickReplies(@Nullable String text, List<QuickReply> replies) {
		if (hasText(text) && length(text) <= MAX_INTERACTIVE_BODY) {
			if (replies.size() <= MAX_BUTTONS && fit(replies, MAX_BUTTON_TITLE, MAX_BUTTON_ID)) {
				return List.of(new ReplyButtons(text, map(replies, reply -> new Button(id(reply), reply.text())), null,
						null));
			}
			if (replies.size() <= MAX_ROWS && fit(replies, MAX_ROW_TITLE, MAX_ROW_ID)) {
				List<Row> rows = map(replies, reply -> new Row(id(reply), reply.text(), null));
				return List.of(new ListMessage(text, LIST_BUTTON, List.of(new Section(null, rows)), null, null));
			}
		}
		return texts(numbered(text, replies));
	}

	private static boolean fit(List<QuickReply> replies, int maxTitle, int maxId) {
		Set<String> ids = new HashSet<>();
		for (QuickReply reply : replies) {
			String id = id(reply);
			if (length(reply.text()) > maxTitle || length(id) > maxId || !ids.add(id)) {
				return false;
			}
		}
		return true;
	}

	private static String id(QuickReply reply) {
		return hasText(reply.payload()) ? reply.payload() : reply.text();
	}

	private static OutboundPlan event(GenesysOutboundMessage message) {
		for (Event event : message.events()) {
			if (Event.TYPING.equals(event.eventType()) && !"Off".equalsIgnoreCase(event.typingType())) {
				return new Typing();
			}
		}
		return new Ignore("an Event without a typing event");
	}

	private static List<OutboundContent> texts(String text) {
		List<OutboundContent> texts = new ArrayList<>(1);
		String rest = text;
		while (rest.length() > MAX_TEXT) {
			int end = Math.max(rest.lastIndexOf('\n', MAX_TEXT - 1), rest.lastIndexOf(' ', MAX_TEXT - 1)) + 1;
			if (end <= MAX_TEXT / 2) {
				end = Character.isHighSurrogate(rest.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
			}
			texts.add(Text.of(rest.substring(0, end)));
			rest = rest.substring(end);
		}
		texts.add(Text.of(rest));
		return texts;
	}

	private static Send send(GenesysOutboundMessage message, Recipient recipient, List<OutboundContent> contents) {
		String callbackData = hasText(message.id()) && message.id().length() <= MAX_CALLBACK_DATA ? message.id()
				: null;
		return new Send(map(contents, content -> new OutboundMessage(recipient, content, null, callbackData)));
	}

	private static <T, R> List<R> map(List<T> items, Function<T, R> mapper) {
		return items.stream().map(mapper).toList();
	}

	private static int length(String text) {
		return text.codePointCount(0, text.length());
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}
}
