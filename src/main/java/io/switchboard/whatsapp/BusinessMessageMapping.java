package io.switchboard.whatsapp;

import static io.switchboard.whatsapp.OutboundContent.MAX_BUTTONS;
import static io.switchboard.whatsapp.OutboundContent.MAX_BUTTON_TITLE;
import static io.switchboard.whatsapp.OutboundContent.MAX_ROWS;
import static io.switchboard.whatsapp.OutboundContent.MAX_ROW_TITLE;
import static io.switchboard.whatsapp.OutboundContent.MAX_TEXT;

import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.BusinessMessage.Card;
import io.switchboard.conversation.BusinessMessage.CardAction;
import io.switchboard.conversation.BusinessMessage.Content.Attachment;
import io.switchboard.conversation.BusinessMessage.Content.Cards;
import io.switchboard.conversation.BusinessMessage.Content.QuickReplies;
import io.switchboard.conversation.BusinessMessage.Option;
import io.switchboard.conversation.DeliveryRefused;
import io.switchboard.conversation.FailureReason;
import io.switchboard.whatsapp.OutboundContent.Button;
import io.switchboard.whatsapp.OutboundContent.ListMessage;
import io.switchboard.whatsapp.OutboundContent.ReplyButtons;
import io.switchboard.whatsapp.OutboundContent.Row;
import io.switchboard.whatsapp.OutboundContent.Section;
import io.switchboard.whatsapp.OutboundContent.Text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Renders a business message as the Cloud API messages that carry it, within WhatsApp's limits and following the
 * conformance corpus's conventions: texts keep their words byte for byte, split at 4,096 characters, with a link
 * preview exactly when they contain an http(s) URL; quick replies become reply buttons, a list, or numbered text,
 * whichever the limits allow; a card whose actions are replies becomes reply buttons, any other card readable text,
 * one message per card. The requester's id goes into {@code biz_opaque_callback_data}, so WhatsApp's statuses lead
 * back to it. Pure functions.
 */
public final class BusinessMessageMapping {

	/** The label of the button that opens a list message. */
	public static final String LIST_BUTTON = "Choose";

	private static final int MAX_INTERACTIVE_BODY = 1024;
	private static final int MAX_BUTTON_ID = 256;
	private static final int MAX_ROW_ID = 200;
	private static final int MAX_CALLBACK_DATA = 512;

	private BusinessMessageMapping() {}

	/**
	 * @param message must not be {@literal null}.
	 * @param recipient the customer; must not be {@literal null}.
	 * @return the messages to send, in order; at least one.
	 * @throws DeliveryRefused with {@link FailureReason#UNSUPPORTED_CONTENT} for an attachment, which is sent by
	 *         {@link #media} once uploaded.
	 */
	public static List<OutboundMessage> toCloudApi(BusinessMessage message, Recipient recipient) {
		Objects.requireNonNull(message, "message must not be null");
		Objects.requireNonNull(recipient, "recipient must not be null");
		String callbackData = callbackData(message);
		return map(contents(message.content()),
				content -> new OutboundMessage(recipient, content, null, callbackData));
	}

	/**
	 * Renders an attachment uploaded to the Cloud API as the message that sends it by id: images, videos and
	 * documents with their caption, documents with their file name, audio and stickers bare (WhatsApp takes no caption
	 * with them).
	 *
	 * @param message its content is an {@link Attachment}.
	 * @param mediaId what the upload answered.
	 */
	public static OutboundMessage media(BusinessMessage message, Recipient recipient, String mediaId) {
		if (!(message.content() instanceof Attachment attachment)) {
			throw new IllegalArgumentException("not an attachment");
		}
		String filename = attachment.filename() != null ? attachment.filename()
				: attachment.hosted() == null ? null : attachment.hosted().filename();
		return new OutboundMessage(recipient, new OutboundContent.Media(WhatsAppMedia.type(attachment.kind()), mediaId,
				attachment.caption(), filename), null, callbackData(message));
	}

	private static @Nullable String callbackData(BusinessMessage message) {
		return message.correlationId() != null && !message.correlationId().isBlank()
				&& message.correlationId().length() <= MAX_CALLBACK_DATA ? message.correlationId() : null;
	}

	private static List<OutboundContent> contents(BusinessMessage.Content content) {
		return switch (content) {
			case BusinessMessage.Content.Text text -> texts(text.body());
			case QuickReplies replies -> quickReplies(replies.text(), replies.options());
			case Cards cards -> cards(cards);
			case Attachment attachment -> throw new DeliveryRefused(FailureReason.UNSUPPORTED_CONTENT,
					"An attachment is sent by media id once uploaded: the " + attachment.kind().name().toLowerCase()
							+ (attachment.filename() == null ? "" : " '" + attachment.filename() + "'")
							+ " was not");
		};
	}

	private static List<OutboundContent> quickReplies(@Nullable String text, List<Option> options) {
		if (hasText(text) && length(text) <= MAX_INTERACTIVE_BODY) {
			if (options.size() <= MAX_BUTTONS && fit(options, MAX_BUTTON_TITLE, MAX_BUTTON_ID)) {
				return List.of(new ReplyButtons(text, map(options, option -> new Button(option.id(), option.title())),
						null, null));
			}
			if (options.size() <= MAX_ROWS && fit(options, MAX_ROW_TITLE, MAX_ROW_ID)) {
				List<Row> rows = map(options, option -> new Row(option.id(), option.title(), null));
				return List.of(new ListMessage(text, LIST_BUTTON, List.of(new Section(null, rows)), null, null));
			}
		}
		return texts(numbered(text, map(options, Option::title)));
	}

	private static List<OutboundContent> cards(Cards cards) {
		List<OutboundContent> contents = new ArrayList<>();
		if (hasText(cards.text())) {
			contents.addAll(texts(cards.text()));
		}
		for (Card card : cards.cards()) {
			List<Option> replies = card.actions().stream()
				.filter(action -> action.kind() == CardAction.Kind.REPLY)
				.map(action -> new Option(hasText(action.payload()) ? action.payload() : action.text(), action.text()))
				.toList();
			String body = cardText(card, false);
			if (!replies.isEmpty() && replies.size() == card.actions().size() && replies.size() <= MAX_BUTTONS
					&& length(body) <= MAX_INTERACTIVE_BODY && fit(replies, MAX_BUTTON_TITLE, MAX_BUTTON_ID)) {
				contents.add(new ReplyButtons(body, map(replies, option -> new Button(option.id(), option.title())),
						null, null));
			}
			else {
				contents.addAll(texts(cardText(card, true)));
			}
		}
		return contents;
	}

	private static String cardText(Card card, boolean withActions) {
		List<String> lines = new ArrayList<>();
		lines.add("*" + card.title() + "*");
		if (hasText(card.description())) {
			lines.add(card.description());
		}
		if (hasText(card.imageUrl())) {
			lines.add(card.imageUrl());
		}
		if (withActions) {
			int number = 1;
			for (CardAction action : card.actions()) {
				lines.add(action.kind() == CardAction.Kind.LINK && hasText(action.url())
						? "- " + action.text() + ": " + action.url() : (number++) + ". " + action.text());
			}
		}
		return String.join("\n", lines);
	}

	private static String numbered(@Nullable String text, List<String> titles) {
		List<String> lines = new ArrayList<>(titles.size() + 1);
		if (hasText(text)) {
			lines.add(text);
		}
		for (int i = 0; i < titles.size(); i++) {
			lines.add((i + 1) + ". " + titles.get(i));
		}
		return String.join("\n", lines);
	}

	private static boolean fit(List<Option> options, int maxTitle, int maxId) {
		Set<String> ids = new HashSet<>();
		for (Option option : options) {
			if (length(option.title()) > maxTitle || length(option.id()) > maxId || !ids.add(option.id())) {
				return false;
			}
		}
		return true;
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
