package io.switchboard.conversation;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A customer's message in Switchboard's own terms, whatever channel it came by: a customer channel maps its wire format
 * to this, a destination maps this to its own. Nothing in it is a channel's wire format, except what
 * {@link Content.Unsupported} keeps raw and what {@link #channelAttributes()} carries for display.
 *
 * @param channel the channel the customer wrote on, as people name it ({@code WhatsApp}); destinations may show it.
 * @param channelMessageId the channel's id of the message (a wamid on WhatsApp); the dedupe key.
 * @param senderName the name the customer's profile gives, if any.
 * @param sentAt when the customer sent it, by the channel's clock.
 * @param content what the message says.
 * @param context the message replied to and whether it was forwarded, if the channel says.
 * @param referral the ad or post the customer came from, if any.
 * @param channelAttributes identifiers the channel wants an agent to see beside the message (the business number, the
 *        customer's user id, the ad's click id...), under the channel's own names; in the order given.
 */
public record CustomerMessage(String channel, String channelMessageId, @Nullable String senderName, Instant sentAt,
		Content content, @Nullable Context context, @Nullable Referral referral, Map<String, String> channelAttributes) {

	public CustomerMessage {
		Objects.requireNonNull(channel, "channel must not be null");
		Objects.requireNonNull(channelMessageId, "channel message id must not be null");
		Objects.requireNonNull(sentAt, "sent at must not be null");
		Objects.requireNonNull(content, "content must not be null");
		channelAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(channelAttributes));
	}

	/**
	 * @return this message with other content (a file with Switchboard's copy, for example).
	 */
	public CustomerMessage withContent(Content other) {
		return new CustomerMessage(channel, channelMessageId, senderName, sentAt, other, context, referral,
				channelAttributes);
	}

	/**
	 * What the message refers to.
	 *
	 * @param repliedTo the channel's id of the message replied to.
	 * @param forwarded whether the customer forwarded it.
	 */
	public record Context(@Nullable String repliedTo, boolean forwarded) {}

	/**
	 * The ad or post a customer came from.
	 *
	 * @param sourceType {@code ad}, {@code post}, ...
	 * @param sourceId the ad's or post's id.
	 * @param sourceUrl where it can be seen.
	 * @param headline its headline.
	 * @param clickId the id of the click, for ad attribution.
	 */
	public record Referral(@Nullable String sourceType, @Nullable String sourceId, @Nullable String sourceUrl,
			@Nullable String headline, @Nullable String clickId) {}

	/**
	 * What a customer's message says: one variant per kind of message customers send. A kind a channel has and
	 * Switchboard does not model is {@link Unsupported}, never dropped.
	 */
	public sealed interface Content {

		/**
		 * @param body the text; empty when the channel gave none.
		 */
		record Text(String body) implements Content {

			public Text {
				Objects.requireNonNull(body, "body must not be null");
			}
		}

		/**
		 * A file the customer sent: fetched from the channel by {@link MediaReference}.
		 *
		 * @param caption the customer's caption.
		 * @param filename a document's file name, verbatim.
		 * @param voice whether an audio is a recorded voice note.
		 * @param animated whether a sticker is animated.
		 * @param hosted Switchboard's copy, once the file was fetched from the channel and stored; {@literal null}
		 *        before.
		 */
		record Media(MediaKind kind, MediaReference reference, @Nullable String caption, @Nullable String filename,
				boolean voice, boolean animated, @Nullable HostedMedia hosted) implements Content {

			public Media {
				Objects.requireNonNull(kind, "media kind must not be null");
				Objects.requireNonNull(reference, "media reference must not be null");
			}

			public Media(MediaKind kind, MediaReference reference, @Nullable String caption, @Nullable String filename,
					boolean voice, boolean animated) {
				this(kind, reference, caption, filename, voice, animated, null);
			}

			/**
			 * @return this file with Switchboard's copy.
			 */
			public Media hostedAs(HostedMedia copy) {
				return new Media(kind, reference, caption, filename, voice, animated, copy);
			}
		}

		/**
		 * A shared location; a current-location share has coordinates only.
		 */
		record Location(double latitude, double longitude, @Nullable String name, @Nullable String address)
				implements Content {}

		/**
		 * Contact cards the customer shared.
		 */
		record Contacts(List<ContactCard> cards) implements Content {

			public Contacts {
				cards = List.copyOf(cards);
			}
		}

		/**
		 * The customer's answer to something the business sent: a reply button, a list row, a template's quick-reply
		 * button, a form (flow), a request for permission to call.
		 *
		 * @param id the id of the option chosen (a template button's payload).
		 * @param title what the customer tapped, as shown; a permission's answer ({@code accept}, {@code reject}).
		 * @param description a list row's description.
		 * @param data a form's answers as the channel sent them (for {@link ReplyKind#FORM}), or the reply kept whole
		 *        (for {@link ReplyKind#CALL_PERMISSION} and {@link ReplyKind#OTHER}).
		 */
		record Reply(ReplyKind kind, @Nullable String id, @Nullable String title, @Nullable String description,
				@Nullable String data) implements Content {

			public Reply {
				Objects.requireNonNull(kind, "reply kind must not be null");
			}
		}

		/**
		 * A reaction to a message; no emoji takes the customer's reaction away.
		 *
		 * @param messageId the channel's id of the message reacted to.
		 */
		record Reaction(@Nullable String messageId, @Nullable String emoji) implements Content {

			/**
			 * @return whether this takes a reaction away rather than adding one.
			 */
			public boolean isRemoval() {
				return emoji == null || emoji.isEmpty();
			}
		}

		/**
		 * An order from the business's catalog.
		 *
		 * @param note the customer's note.
		 */
		record Order(@Nullable String catalogId, @Nullable String note, List<OrderItem> items) implements Content {

			public Order {
				items = List.copyOf(items);
			}
		}

		/**
		 * A notice from the channel itself, such as a customer changing their number.
		 *
		 * @param newAddress for {@link NoticeKind#NUMBER_CHANGED}, the customer's new address on the channel.
		 */
		record Notice(NoticeKind kind, @Nullable String body, @Nullable String newAddress) implements Content {

			public Notice {
				Objects.requireNonNull(kind, "notice kind must not be null");
			}
		}

		/**
		 * The customer deleted one of their messages.
		 */
		record Deleted(@Nullable String originalMessageId) implements Content {}

		/**
		 * The customer edited one of their messages.
		 *
		 * @param newContent what the message says now, if the channel told.
		 */
		record Edited(@Nullable String originalMessageId, @Nullable Content newContent) implements Content {}

		/**
		 * The customer opened the chat for the first time.
		 */
		record ChatOpened() implements Content {}

		/**
		 * A message Switchboard does not model, kept whole.
		 *
		 * @param type the channel's name for its kind, if it names one ({@code poll}).
		 * @param raw the channel's message as it sent it.
		 */
		record Unsupported(@Nullable String type, String raw) implements Content {

			public Unsupported {
				Objects.requireNonNull(raw, "raw message must not be null");
			}
		}
	}

	/** The kinds of file customers send. */
	public enum MediaKind {
		IMAGE, VIDEO, AUDIO, DOCUMENT, STICKER
	}

	/**
	 * Where a customer's file can be fetched from its channel.
	 *
	 * @param channelMediaId the channel's id of the file.
	 * @param mimeType as the channel gives it, parameters included ({@code audio/ogg; codecs=opus}).
	 * @param sha256 the file's SHA-256 as the channel gives it (base64 on WhatsApp).
	 * @param url a download URL, if the channel gives one; it may need the channel's credentials and expire.
	 */
	public record MediaReference(String channelMediaId, @Nullable String mimeType, @Nullable String sha256,
			@Nullable String url) {

		public MediaReference {
			Objects.requireNonNull(channelMediaId, "channel media id must not be null");
		}
	}

	/** What kind of answer a {@link Content.Reply} is. */
	public enum ReplyKind {
		/** A reply button of an interactive message. */
		BUTTON,
		/** A row of a list message. */
		LIST_ROW,
		/** A quick-reply button of a template. */
		TEMPLATE_BUTTON,
		/** A completed form (a WhatsApp flow). */
		FORM,
		/** An answer to a request for permission to call the customer. */
		CALL_PERMISSION,
		/** An interactive answer of a kind Switchboard does not know. */
		OTHER
	}

	/** What a channel's {@link Content.Notice} says happened. */
	public enum NoticeKind {
		/** The customer moved to a new number or address; see {@link Content.Notice#newAddress()}. */
		NUMBER_CHANGED,
		/** The customer's identity on the channel changed (e.g. a reinstall with new keys). */
		IDENTITY_CHANGED,
		/** Any other notice. */
		OTHER
	}

	/**
	 * One shared contact card. Addresses, URLs and birthdays are not modelled.
	 */
	public record ContactCard(@Nullable String formattedName, @Nullable String firstName, @Nullable String lastName,
			List<ContactPhone> phones, List<ContactEmail> emails, @Nullable String organization) {

		public ContactCard {
			phones = List.copyOf(phones);
			emails = List.copyOf(emails);
		}
	}

	/**
	 * @param type {@code CELL}, {@code WORK}, ...
	 */
	public record ContactPhone(@Nullable String phone, @Nullable String type) {}

	public record ContactEmail(@Nullable String email, @Nullable String type) {}

	/**
	 * @param productId the business's id of the product; empty when absent.
	 */
	public record OrderItem(String productId, int quantity, double itemPrice, @Nullable String currency) {

		public OrderItem {
			Objects.requireNonNull(productId, "product id must not be null");
		}
	}
}
