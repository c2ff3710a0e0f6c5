package io.switchboard.relay.inbound;

import io.switchboard.conversation.CustomerId;
import io.switchboard.genesys.OpenInboundMessage;
import io.switchboard.genesys.OpenInboundMessage.Channel;
import io.switchboard.genesys.OpenInboundMessage.ChannelMetadata;
import io.switchboard.genesys.OpenInboundMessage.From;
import io.switchboard.genesys.OpenInboundMessage.IdType;
import io.switchboard.whatsapp.InboundMessage;
import io.switchboard.whatsapp.MessageContent;
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
import io.switchboard.whatsapp.MessageContext;
import io.switchboard.whatsapp.Metadata;
import io.switchboard.whatsapp.Referral;
import io.switchboard.whatsapp.SenderProfile;
import io.switchboard.whatsapp.WhatsAppMessageReceived;
import io.switchboard.whatsapp.WhatsAppWebhooks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Maps a customer's WhatsApp message to the Genesys Open Messaging message relaying it, following the conformance
 * corpus's conventions: types Genesys has no shape for are rendered as text, and WhatsApp's ids that help an agent go
 * into {@code channel.metadata.customAttributes}. Pure functions.
 */
public final class InboundMapping {

	private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("image/jpeg", "jpg"),
			Map.entry("image/png", "png"), Map.entry("image/webp", "webp"), Map.entry("video/mp4", "mp4"),
			Map.entry("video/3gpp", "3gp"), Map.entry("audio/ogg", "ogg"), Map.entry("audio/mpeg", "mp3"),
			Map.entry("audio/aac", "aac"), Map.entry("audio/amr", "amr"), Map.entry("audio/mp4", "m4a"),
			Map.entry("application/pdf", "pdf"), Map.entry("text/plain", "txt"));

	private static final String MAPS = "https://www.google.com/maps/search/?api=1&query=";

	private InboundMapping() {}

	/**
	 * Maps a message to the body of Genesys's {@code inbound/open/message}. Media are relayed as text for now: the
	 * caption, else a notice naming the file.
	 *
	 * @param received must not be {@literal null}.
	 * @param customer the id the customer is known by towards Genesys; must not be {@literal null}.
	 * @return the message, never carrying legacy {@code platform}, {@code type}, {@code to} or {@code direction}.
	 */
	public static OpenInboundMessage toGenesys(WhatsAppMessageReceived received, CustomerId customer) {
		Objects.requireNonNull(received, "received message must not be null");
		Objects.requireNonNull(customer, "customer must not be null");
		InboundMessage message = received.message();
		From from = new From(customer.value(), customer.kind() == CustomerId.Kind.PHONE ? IdType.Phone : IdType.Opaque,
				nickname(received.sender()));
		Map<String, String> attributes = customAttributes(received.metadata(), message);
		Channel channel = new Channel(from, message.timestamp(), message.id(),
				attributes.isEmpty() ? null : new ChannelMetadata(attributes));
		return new OpenInboundMessage(channel, text(message), null, null);
	}

	/**
	 * Renders a message as the text an agent reads: the content's rendering, then the referral the customer came from.
	 *
	 * @param message must not be {@literal null}.
	 * @return the text; {@literal null} if there is none.
	 */
	public static @Nullable String text(InboundMessage message) {
		List<String> parts = new ArrayList<>(2);
		String content = render(message.content());
		if (content != null && !content.isEmpty()) {
			parts.add(content);
		}
		if (message.referral() != null) {
			parts.add(referral(message.referral()));
		}
		return parts.isEmpty() ? null : String.join("\n\n", parts);
	}

	/**
	 * Renders a message's content as text. Media render as their caption, else as a notice naming the file
	 * ({@code [Voice message: 900000000000501.ogg]}).
	 *
	 * @param content must not be {@literal null}.
	 * @return the text; {@literal null} if the content has none.
	 */
	public static @Nullable String render(MessageContent content) {
		return switch (content) {
			case Text text -> text.body();
			case Media media -> hasText(media.caption()) ? media.caption()
					: "[" + label(media) + ": " + filename(media) + "]";
			case Location location -> location(location);
			case SharedContacts contacts -> contacts(contacts);
			case InteractiveReply reply -> interactive(reply);
			case TemplateButtonReply button -> firstText(button.text(), button.payload(), "[Button reply]");
			case Reaction reaction -> reaction.isRemoval() ? "[Reaction removed]" : "[Reaction] " + reaction.emoji();
			case Order order -> order(order);
			case SystemNotice notice -> hasText(notice.body()) ? "[System] " + notice.body() : "[System]";
			case Revoke revoke -> "[Message deleted]";
			case Edit edit -> edited(edit);
			case RequestWelcome welcome -> "[Customer opened the chat]";
			case Unsupported unsupported -> unsupported(unsupported);
		};
	}

	/**
	 * Names a media file as Genesys gets it: a document's own file name verbatim, else {@code <media id>.<ext>} with
	 * the extension of its MIME type ({@code bin} for types without one).
	 *
	 * @param media must not be {@literal null}.
	 * @return the file name.
	 */
	public static String filename(Media media) {
		if (Media.DOCUMENT.equals(media.kind()) && hasText(media.filename())) {
			return media.filename();
		}
		return media.mediaId() + "." + extension(media.mimeType());
	}

	/**
	 * @param mimeType a MIME type, parameters allowed; may be {@literal null}.
	 * @return the file extension for it, {@code bin} if it has no known one.
	 */
	public static String extension(@Nullable String mimeType) {
		return EXTENSIONS.getOrDefault(mimeWithoutParameters(mimeType), "bin");
	}

	/**
	 * @param mimeType a MIME type such as {@code audio/ogg; codecs=opus}; may be {@literal null}.
	 * @return the type without parameters, lowercase ({@code audio/ogg}); empty for {@literal null}.
	 */
	public static String mimeWithoutParameters(@Nullable String mimeType) {
		if (mimeType == null) {
			return "";
		}
		int parameters = mimeType.indexOf(';');
		return (parameters < 0 ? mimeType : mimeType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
	}

	private static @Nullable String nickname(@Nullable SenderProfile sender) {
		if (sender == null) {
			return null;
		}
		return hasText(sender.name()) ? sender.name() : hasText(sender.username()) ? sender.username() : null;
	}

	private static Map<String, String> customAttributes(Metadata metadata, InboundMessage message) {
		Map<String, String> attributes = new LinkedHashMap<>();
		put(attributes, "waPhoneNumberId", metadata.phoneNumberId());
		put(attributes, "waDisplayPhoneNumber", metadata.displayPhoneNumber());
		put(attributes, "waUserId", message.fromUserId());
		Referral referral = message.referral();
		if (referral != null) {
			put(attributes, "waReferralSourceType", referral.sourceType());
			put(attributes, "waReferralSourceId", referral.sourceId());
			put(attributes, "waCtwaClid", referral.ctwaClid());
		}
		MessageContext context = message.context();
		if (context != null) {
			put(attributes, "waContextId", context.id());
			if (context.forwarded() || context.frequentlyForwarded()) {
				put(attributes, "waForwarded", "true");
			}
		}
		return attributes;
	}

	private static void put(Map<String, String> attributes, String key, @Nullable String value) {
		if (hasText(value)) {
			attributes.put(key, value);
		}
	}

	private static String label(Media media) {
		return switch (media.kind()) {
			case Media.IMAGE -> "Image";
			case Media.VIDEO -> "Video";
			case Media.AUDIO -> media.voice() ? "Voice message" : "Audio";
			case Media.DOCUMENT -> "Document";
			case Media.STICKER -> "Sticker";
			default -> "File";
		};
	}

	private static String location(Location location) {
		List<String> lines = new ArrayList<>(3);
		lines.add(hasText(location.name()) ? "[Location] " + location.name() : "[Location]");
		if (hasText(location.address())) {
			lines.add(location.address());
		}
		lines.add(MAPS + decimal(location.latitude()) + "," + decimal(location.longitude()));
		return String.join("\n", lines);
	}

	private static String contacts(SharedContacts contacts) {
		List<String> cards = new ArrayList<>(contacts.cards().size());
		for (ContactCard card : contacts.cards()) {
			List<String> lines = new ArrayList<>();
			String name = firstText(card.formattedName(), fullName(card), "");
			lines.add(name.isEmpty() ? "[Contact]" : "[Contact] " + name);
			for (ContactPhone phone : card.phones()) {
				if (hasText(phone.phone())) {
					lines.add((hasText(phone.type()) ? "Phone (" + phone.type() + "): " : "Phone: ") + phone.phone());
				}
			}
			for (ContactEmail email : card.emails()) {
				if (hasText(email.email())) {
					lines.add((hasText(email.type()) ? "Email (" + email.type() + "): " : "Email: ") + email.email());
				}
			}
			cards.add(String.join("\n", lines));
		}
		return cards.isEmpty() ? "[Contact]" : String.join("\n\n", cards);
	}

	private static @Nullable String fullName(ContactCard card) {
		String name = ((card.firstName() == null ? "" : card.firstName()) + " "
				+ (card.lastName() == null ? "" : card.lastName())).strip();
		return name.isEmpty() ? null : name;
	}

	private static String interactive(InteractiveReply reply) {
		return switch (reply.replyType()) {
			case InteractiveReply.FLOW_REPLY -> "[Flow response] " + firstText(reply.responseJson(), "{}", "");
			case InteractiveReply.CALL_PERMISSION_REPLY -> hasText(reply.title())
					? "[Call permission: " + reply.title() + "]" : "[Call permission]";
			default -> firstText(reply.title(), reply.id(), "[Interactive reply]");
		};
	}

	private static String order(Order order) {
		List<String> lines = new ArrayList<>();
		lines.add(hasText(order.catalogId()) ? "[Order] catalog " + order.catalogId() : "[Order]");
		for (OrderItem item : order.items()) {
			lines.add("- " + item.quantity() + " x " + item.productRetailerId() + " @ " + decimal(item.itemPrice())
					+ (hasText(item.currency()) ? " " + item.currency() : ""));
		}
		if (hasText(order.text())) {
			lines.add("Note: " + order.text());
		}
		return String.join("\n", lines);
	}

	private static String edited(Edit edit) {
		MessageContent content = WhatsAppWebhooks.editedContent(edit);
		String text = switch (content) {
			case Text t -> t.body();
			case Media media -> media.caption();
			case null, default -> null;
		};
		return hasText(text) ? "[Edited] " + text : "[Message edited]";
	}

	private static String unsupported(Unsupported unsupported) {
		String type = hasText(unsupported.unsupportedType()) ? unsupported.unsupportedType()
				: switch (unsupported.type()) {
					case "", "unsupported", "unknown" -> null;
					default -> unsupported.type();
				};
		return type == null ? "[Unsupported WhatsApp message]" : "[Unsupported WhatsApp message: " + type + "]";
	}

	private static String referral(Referral referral) {
		StringBuilder text = new StringBuilder("[Referral");
		if (hasText(referral.sourceType())) {
			text.append(": ").append(referral.sourceType());
		}
		text.append(']');
		if (hasText(referral.headline())) {
			text.append(' ').append(referral.headline());
		}
		if (hasText(referral.sourceUrl())) {
			text.append('\n').append(referral.sourceUrl());
		}
		return text.toString();
	}

	private static String decimal(double value) {
		if (!Double.isFinite(value)) {
			return Double.toString(value);
		}
		return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

	private static String firstText(@Nullable String first, @Nullable String second, String otherwise) {
		return hasText(first) ? first : hasText(second) ? second : otherwise;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}
}
