package io.switchboard.genesys;

import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.BusinessMessage.Card;
import io.switchboard.conversation.BusinessMessage.CardAction;
import io.switchboard.conversation.BusinessMessage.Content.Attachment;
import io.switchboard.conversation.BusinessMessage.Content.Cards;
import io.switchboard.conversation.BusinessMessage.Content.QuickReplies;
import io.switchboard.conversation.BusinessMessage.Content.Text;
import io.switchboard.conversation.BusinessMessage.Option;
import io.switchboard.conversation.CustomerMessage.MediaKind;
import io.switchboard.genesys.GenesysOutboundMessage.Event;
import io.switchboard.genesys.GenesysOutboundMessage.QuickReply;
import io.switchboard.genesys.OutboundPlan.Ignore;
import io.switchboard.genesys.OutboundPlan.Receipt;
import io.switchboard.genesys.OutboundPlan.Send;
import io.switchboard.genesys.OutboundPlan.Typing;
import io.switchboard.platform.JsonFields;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a message Genesys posted to the outbound webhook to the business message it asks Switchboard to send, in
 * neutral terms: a text, a bot's quick replies, an attachment, a bot's card or carousel. How each becomes what the
 * customer's channel can show is the channel's business. The Genesys message id goes along as the correlation id, so
 * the channel's statuses lead back to it. Pure functions.
 */
public final class OutboundMapping {

	private static final JsonMapper JSON = JsonFields.mapper();

	private OutboundMapping() {}

	/**
	 * Decides what a webhook message means for the customer.
	 *
	 * @param message must not be {@literal null}.
	 * @return a {@link Send} for texts, quick replies, attachments and cards, {@link Typing} for a typing event,
	 *         {@link Receipt} for a receipt, and {@link Ignore} for everything else.
	 */
	public static OutboundPlan plan(GenesysOutboundMessage message) {
		Objects.requireNonNull(message, "message must not be null");
		return switch (message.type()) {
			case GenesysOutboundMessage.TEXT -> textOrAttachment(message);
			case GenesysOutboundMessage.STRUCTURED -> structured(message);
			case GenesysOutboundMessage.RECEIPT -> new Receipt();
			case GenesysOutboundMessage.EVENT -> event(message);
			default -> new Ignore("Genesys messages of type '" + message.type() + "' are not relayed");
		};
	}

	private static OutboundPlan textOrAttachment(GenesysOutboundMessage message) {
		GenesysOutboundMessage.Attachment attachment = message.attachment();
		if (attachment != null && hasText(attachment.url())) {
			return send(message, new Attachment(mediaKind(attachment), attachment.url(), attachment.mime(),
					attachment.filename(), hasText(message.text()) ? message.text() : attachment.text()));
		}
		if (hasText(message.text())) {
			return send(message, new Text(message.text()));
		}
		return new Ignore("a " + message.type() + " message with neither text nor attachment");
	}

	private static OutboundPlan structured(GenesysOutboundMessage message) {
		List<QuickReply> replies = message.quickReplies().stream().filter(reply -> hasText(reply.text())).toList();
		if (!replies.isEmpty()) {
			return send(message, new QuickReplies(message.text(), replies.stream()
				.map(reply -> new Option(hasText(reply.payload()) ? reply.payload() : reply.text(), reply.text()))
				.toList()));
		}
		List<Card> cards = cards(message);
		if (!cards.isEmpty()) {
			return send(message, new Cards(message.text(), cards));
		}
		return textOrAttachment(message);
	}

	private static List<Card> cards(GenesysOutboundMessage message) {
		List<Card> cards = new ArrayList<>();
		for (GenesysOutboundMessage.Content content : message.content()) {
			JsonNode item = tree(content.rawJson());
			switch (content.contentType()) {
				case "Card" -> card(item.path("card")).ifPresent(cards::add);
				case "Carousel" -> item.path("carousel").path("cards")
					.forEach(card -> card(card).ifPresent(cards::add));
				default -> {}
			}
		}
		return cards;
	}

	private static Optional<Card> card(JsonNode card) {
		String title = text(card, "title");
		if (title == null) {
			return Optional.empty();
		}
		List<CardAction> actions = new ArrayList<>();
		for (JsonNode action : card.path("actions")) {
			String label = text(action, "text");
			if (label == null) {
				continue;
			}
			if ("Link".equalsIgnoreCase(text(action, "type"))) {
				actions.add(new CardAction(CardAction.Kind.LINK, label, null, text(action, "url")));
			}
			else {
				actions.add(new CardAction(CardAction.Kind.REPLY, label, text(action, "payload"), null));
			}
		}
		String image = text(card, "image");
		return Optional.of(new Card(title, text(card, "description"),
				image != null ? image : text(card, "video"), actions));
	}

	private static MediaKind mediaKind(GenesysOutboundMessage.Attachment attachment) {
		String type = attachment.mediaType() == null ? "" : attachment.mediaType().toLowerCase(Locale.ROOT);
		return switch (type) {
			case "image" -> MediaKind.IMAGE;
			case "video" -> MediaKind.VIDEO;
			case "audio" -> MediaKind.AUDIO;
			default -> MediaKind.DOCUMENT;
		};
	}

	private static OutboundPlan event(GenesysOutboundMessage message) {
		for (Event event : message.events()) {
			if (Event.TYPING.equals(event.eventType()) && !"Off".equalsIgnoreCase(event.typingType())) {
				return new Typing();
			}
		}
		return new Ignore("an Event without a typing event");
	}

	private static Send send(GenesysOutboundMessage message, BusinessMessage.Content content) {
		return new Send(new BusinessMessage(content, hasText(message.id()) ? message.id() : null));
	}

	private static JsonNode tree(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (JacksonException e) {
			return JSON.missingNode();
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}
}
