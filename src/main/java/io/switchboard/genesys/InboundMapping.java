package io.switchboard.genesys;

import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.CustomerMessage;
import io.switchboard.conversation.CustomerMessage.ContactCard;
import io.switchboard.conversation.CustomerMessage.ContactEmail;
import io.switchboard.conversation.CustomerMessage.ContactPhone;
import io.switchboard.conversation.CustomerMessage.Content;
import io.switchboard.conversation.CustomerMessage.Content.ChatOpened;
import io.switchboard.conversation.CustomerMessage.Content.Contacts;
import io.switchboard.conversation.CustomerMessage.Content.Deleted;
import io.switchboard.conversation.CustomerMessage.Content.Edited;
import io.switchboard.conversation.CustomerMessage.Content.Location;
import io.switchboard.conversation.CustomerMessage.Content.Media;
import io.switchboard.conversation.CustomerMessage.Content.Notice;
import io.switchboard.conversation.CustomerMessage.Content.Order;
import io.switchboard.conversation.CustomerMessage.Content.Reaction;
import io.switchboard.conversation.CustomerMessage.Content.Reply;
import io.switchboard.conversation.CustomerMessage.Content.Text;
import io.switchboard.conversation.CustomerMessage.Content.Unsupported;
import io.switchboard.conversation.CustomerMessage.MediaKind;
import io.switchboard.conversation.CustomerMessage.OrderItem;
import io.switchboard.conversation.CustomerMessage.Referral;
import io.switchboard.conversation.HostedMedia;
import io.switchboard.genesys.OpenInboundMessage.Channel;
import io.switchboard.genesys.OpenInboundMessage.ChannelMetadata;
import io.switchboard.genesys.OpenInboundMessage.From;
import io.switchboard.genesys.OpenInboundMessage.IdType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Maps a customer's message, whatever channel it came by, to the Genesys Open Messaging message relaying it, following
 * the conformance corpus's conventions: kinds Genesys has no shape for are rendered as text, and the channel's
 * attributes (the ids that help an agent) go into {@code channel.metadata.customAttributes}. Pure functions.
 */
public final class InboundMapping {

	private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("image/jpeg", "jpg"),
			Map.entry("image/png", "png"), Map.entry("image/webp", "webp"), Map.entry("video/mp4", "mp4"),
			Map.entry("video/3gpp", "3gp"), Map.entry("audio/ogg", "ogg"), Map.entry("audio/mpeg", "mp3"),
			Map.entry("audio/aac", "aac"), Map.entry("audio/amr", "amr"), Map.entry("audio/mp4", "m4a"),
			Map.entry("application/pdf", "pdf"), Map.entry("text/plain", "txt"));

	private static final String MAPS = "https://www.google.com/maps/search/?api=1&query=";

	/** The largest attachment Genesys Cloud takes (its supported content limit, 25 MB). */
	public static final long MAX_ATTACHMENT_BYTES = 25L * 1024 * 1024;

	private InboundMapping() {}

	/**
	 * Maps a message to the body of Genesys's {@code inbound/open/message}. A file Switchboard keeps a copy of
	 * ({@link Media#hosted()}) becomes one attachment Genesys fetches from the copy's URL, with the caption as the
	 * text; a file of more than {@link #MAX_ATTACHMENT_BYTES} becomes {@link #withLink a notice with a link}. A file
	 * without a copy renders as its caption, else a notice naming it.
	 *
	 * @param message must not be {@literal null}.
	 * @param customer the id the customer is known by towards Genesys; must not be {@literal null}.
	 * @return the message, never carrying legacy {@code platform}, {@code type}, {@code to} or {@code direction}.
	 */
	public static OpenInboundMessage toGenesys(CustomerMessage message, CustomerId customer) {
		Objects.requireNonNull(message, "message must not be null");
		Objects.requireNonNull(customer, "customer must not be null");
		if (message.content() instanceof Media media && media.hosted() != null) {
			HostedMedia hosted = media.hosted();
			if (hosted.size() > MAX_ATTACHMENT_BYTES) {
				return withLink(message, customer);
			}
			OpenInboundMessage.Attachment attachment = new OpenInboundMessage.Attachment(mediaType(media.kind()), hosted.url().toString(), mime(media),
					filename(media), null, hosted.sha256(), media.reference().channelMediaId());
			String caption = hasText(media.caption()) ? media.caption() : null;
			String text = message.referral() == null ? caption
					: caption == null ? referral(message.referral()) : caption + "\n\n" + referral(message.referral());
			return new OpenInboundMessage(channel(message, customer), text,
					List.of(new OpenInboundMessage.Content(attachment)), null);
		}
		return new OpenInboundMessage(channel(message, customer), text(message), null, null);
	}

	/**
	 * Maps a message whose file Genesys cannot take as an attachment (too large, or a type the integration refuses)
	 * to a text the agent can act on: the caption, then a notice naming the file with a link to Switchboard's copy.
	 *
	 * @param message its content is a {@link Media} with a copy.
	 */
	public static OpenInboundMessage withLink(CustomerMessage message, CustomerId customer) {
		if (!(message.content() instanceof Media media) || media.hosted() == null) {
			throw new IllegalArgumentException("not a file Switchboard keeps a copy of");
		}
		String notice = "[" + label(media) + ": " + filename(media) + "] " + media.hosted().url();
		String text = hasText(media.caption()) ? media.caption() + "\n" + notice : notice;
		if (message.referral() != null) {
			text = text + "\n\n" + referral(message.referral());
		}
		return new OpenInboundMessage(channel(message, customer), text, null, null);
	}

	private static Channel channel(CustomerMessage message, CustomerId customer) {
		From from = new From(customer.value(), customer.kind() == CustomerId.Kind.PHONE ? IdType.Phone : IdType.Opaque,
				message.senderName());
		Map<String, String> attributes = message.channelAttributes();
		return new Channel(from, message.sentAt(), message.channelMessageId(),
				attributes.isEmpty() ? null : new ChannelMetadata(attributes));
	}

	/**
	 * @return Genesys's {@code mediaType} for a kind of file: images and stickers {@code Image}, documents
	 *         {@code File}.
	 */
	public static String mediaType(MediaKind kind) {
		return switch (kind) {
			case IMAGE, STICKER -> "Image";
			case VIDEO -> "Video";
			case AUDIO -> "Audio";
			case DOCUMENT -> "File";
		};
	}

	/**
	 * @return the file's MIME type without parameters, as the channel declared it, else as Switchboard's copy has it.
	 */
	static String mime(Media media) {
		String declared = media.reference().mimeType() != null ? media.reference().mimeType()
				: media.hosted() != null ? media.hosted().contentType() : "application/octet-stream";
		int semicolon = declared.indexOf(';');
		return (semicolon < 0 ? declared : declared.substring(0, semicolon)).trim();
	}

	/**
	 * Renders a message as the text an agent reads: the content's rendering, then the referral the customer came from.
	 *
	 * @param message must not be {@literal null}.
	 * @return the text; {@literal null} if there is none.
	 */
	public static @Nullable String text(CustomerMessage message) {
		List<String> parts = new ArrayList<>(2);
		String content = render(message.channel(), message.content());
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
	 * @param channel the channel's name, for messages it sent that Switchboard does not model.
	 * @param content must not be {@literal null}.
	 * @return the text; {@literal null} if the content has none.
	 */
	public static @Nullable String render(String channel, Content content) {
		return switch (content) {
			case Text text -> text.body();
			case Media media -> hasText(media.caption()) ? media.caption()
					: "[" + label(media) + ": " + filename(media) + "]";
			case Location location -> location(location);
			case Contacts contacts -> contacts(contacts);
			case Reply reply -> reply(reply);
			case Reaction reaction -> reaction.isRemoval() ? "[Reaction removed]" : "[Reaction] " + reaction.emoji();
			case Order order -> order(order);
			case Notice notice -> hasText(notice.body()) ? "[System] " + notice.body() : "[System]";
			case Deleted deleted -> "[Message deleted]";
			case Edited edited -> edited(edited);
			case ChatOpened opened -> "[Customer opened the chat]";
			case Unsupported unsupported -> unsupported.type() == null ? "[Unsupported " + channel + " message]"
					: "[Unsupported " + channel + " message: " + unsupported.type() + "]";
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
		if (media.kind() == MediaKind.DOCUMENT && hasText(media.filename())) {
			return media.filename();
		}
		return media.reference().channelMediaId() + "." + extension(media.reference().mimeType());
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

	private static String label(Media media) {
		return switch (media.kind()) {
			case IMAGE -> "Image";
			case VIDEO -> "Video";
			case AUDIO -> media.voice() ? "Voice message" : "Audio";
			case DOCUMENT -> "Document";
			case STICKER -> "Sticker";
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

	private static String contacts(Contacts contacts) {
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

	private static String reply(Reply reply) {
		return switch (reply.kind()) {
			case FORM -> "[Flow response] " + firstText(reply.data(), "{}", "");
			case CALL_PERMISSION -> hasText(reply.title()) ? "[Call permission: " + reply.title() + "]"
					: "[Call permission]";
			case TEMPLATE_BUTTON -> firstText(reply.title(), reply.id(), "[Button reply]");
			case BUTTON, LIST_ROW, OTHER -> firstText(reply.title(), reply.id(), "[Interactive reply]");
		};
	}

	private static String order(Order order) {
		List<String> lines = new ArrayList<>();
		lines.add(hasText(order.catalogId()) ? "[Order] catalog " + order.catalogId() : "[Order]");
		for (OrderItem item : order.items()) {
			lines.add("- " + item.quantity() + " x " + item.productId() + " @ " + decimal(item.itemPrice())
					+ (hasText(item.currency()) ? " " + item.currency() : ""));
		}
		if (hasText(order.note())) {
			lines.add("Note: " + order.note());
		}
		return String.join("\n", lines);
	}

	private static String edited(Edited edited) {
		String text = switch (edited.newContent()) {
			case Text t -> t.body();
			case Media media -> media.caption();
			case null, default -> null;
		};
		return hasText(text) ? "[Edited] " + text : "[Message edited]";
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
