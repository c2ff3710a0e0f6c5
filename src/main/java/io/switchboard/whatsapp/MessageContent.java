package io.switchboard.whatsapp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What an inbound message says, one variant per WhatsApp message type. A type Switchboard does not recognise becomes
 * {@link Unsupported}, never dropped. In JSON the variant is named by a {@code kind} property.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
		@JsonSubTypes.Type(value = MessageContent.Text.class, name = "text"),
		@JsonSubTypes.Type(value = MessageContent.Media.class, name = "media"),
		@JsonSubTypes.Type(value = MessageContent.Location.class, name = "location"),
		@JsonSubTypes.Type(value = MessageContent.SharedContacts.class, name = "contacts"),
		@JsonSubTypes.Type(value = MessageContent.InteractiveReply.class, name = "interactive"),
		@JsonSubTypes.Type(value = MessageContent.TemplateButtonReply.class, name = "button"),
		@JsonSubTypes.Type(value = MessageContent.Reaction.class, name = "reaction"),
		@JsonSubTypes.Type(value = MessageContent.Order.class, name = "order"),
		@JsonSubTypes.Type(value = MessageContent.SystemNotice.class, name = "system"),
		@JsonSubTypes.Type(value = MessageContent.Revoke.class, name = "revoke"),
		@JsonSubTypes.Type(value = MessageContent.Edit.class, name = "edit"),
		@JsonSubTypes.Type(value = MessageContent.RequestWelcome.class, name = "request_welcome"),
		@JsonSubTypes.Type(value = MessageContent.Unsupported.class, name = "unsupported")
})
public sealed interface MessageContent {

	/**
	 * A text message ({@code type: text}).
	 *
	 * @param body the text; empty when absent.
	 */
	record Text(String body) implements MessageContent {

		public Text {
			Objects.requireNonNull(body, "body must not be null");
		}
	}

	/**
	 * A media message: {@code image}, {@code video}, {@code audio}, {@code document} or {@code sticker}. The file
	 * itself is fetched by {@code mediaId} with the tenant's token; {@code url} alone is not enough.
	 *
	 * @param kind the WhatsApp type: {@code image}, {@code video}, {@code audio}, {@code document} or {@code sticker}.
	 * Written as {@code mediaKind} in JSON, since {@code kind} names the variant.
	 * @param mediaId the media id to fetch the file by.
	 * @param mimeType as WhatsApp gives it, parameters included ({@code audio/ogg; codecs=opus}).
	 * @param sha256 the base64 SHA-256 of the file.
	 * @param caption the customer's caption (image, video, document).
	 * @param filename the document's file name, verbatim.
	 * @param voice whether an audio is a recorded voice note.
	 * @param animated whether a sticker is animated.
	 * @param url the lookaside download URL newer payloads carry; it needs the token and expires.
	 */
	record Media(@JsonProperty("mediaKind") String kind, String mediaId, @Nullable String mimeType,
			@Nullable String sha256, @Nullable String caption, @Nullable String filename, boolean voice,
			boolean animated, @Nullable String url) implements MessageContent {

		public static final String IMAGE = "image";
		public static final String VIDEO = "video";
		public static final String AUDIO = "audio";
		public static final String DOCUMENT = "document";
		public static final String STICKER = "sticker";

		public Media {
			Objects.requireNonNull(kind, "media kind must not be null");
			Objects.requireNonNull(mediaId, "media id must not be null");
		}
	}

	/**
	 * A shared location; a current-location share has coordinates only.
	 */
	record Location(double latitude, double longitude, @Nullable String name, @Nullable String address,
			@Nullable String url) implements MessageContent {}

	/**
	 * Contact cards the customer shared ({@code type: contacts}).
	 */
	record SharedContacts(List<ContactCard> cards) implements MessageContent {

		public SharedContacts {
			cards = List.copyOf(cards);
		}
	}

	/**
	 * One shared contact card. Addresses, URLs and birthdays are not modelled.
	 *
	 * @param organization {@code org.company}.
	 */
	record ContactCard(@Nullable String formattedName, @Nullable String firstName, @Nullable String lastName,
			List<ContactPhone> phones, List<ContactEmail> emails, @Nullable String organization) {

		public ContactCard {
			phones = List.copyOf(phones);
			emails = List.copyOf(emails);
		}
	}

	/**
	 * @param waId the WhatsApp id of the number, if it has one.
	 * @param type {@code CELL}, {@code WORK}, ...
	 */
	record ContactPhone(@Nullable String phone, @Nullable String waId, @Nullable String type) {}

	record ContactEmail(@Nullable String email, @Nullable String type) {}

	/**
	 * A tap on an interactive message ({@code type: interactive}).
	 *
	 * @param replyType {@code button_reply}, {@code list_reply}, {@code nfm_reply}, {@code call_permission_reply}, or
	 * {@code other} for an interactive type Switchboard does not know.
	 * @param id the id of the button or row tapped.
	 * @param title the title the customer tapped; for {@code nfm_reply} the reply's {@code body}, for
	 * {@code call_permission_reply} the {@code response} ({@code accept}, {@code reject}).
	 * @param description the list row's description; for {@code nfm_reply} its {@code name}, for
	 * {@code call_permission_reply} the {@code response_source}.
	 * @param responseJson for {@code nfm_reply} the flow's {@code response_json} string as sent (not necessarily valid
	 * JSON); for {@code call_permission_reply} and {@code other} the reply object as compact JSON.
	 */
	record InteractiveReply(String replyType, @Nullable String id, @Nullable String title,
			@Nullable String description, @Nullable String responseJson) implements MessageContent {

		public static final String BUTTON_REPLY = "button_reply";
		public static final String LIST_REPLY = "list_reply";
		public static final String FLOW_REPLY = "nfm_reply";
		public static final String CALL_PERMISSION_REPLY = "call_permission_reply";
		public static final String OTHER = "other";

		public InteractiveReply {
			Objects.requireNonNull(replyType, "reply type must not be null");
		}
	}

	/**
	 * A tap on a template's quick-reply button ({@code type: button}).
	 */
	record TemplateButtonReply(@Nullable String payload, @Nullable String text) implements MessageContent {}

	/**
	 * A reaction to a message; an empty or absent {@code emoji} removes the customer's reaction.
	 *
	 * @param messageId the wamid reacted to.
	 */
	record Reaction(@Nullable String messageId, @Nullable String emoji) implements MessageContent {

		/**
		 * @return whether this takes a reaction away rather than adding one.
		 */
		@JsonIgnore
		public boolean isRemoval() {
			return emoji == null || emoji.isEmpty();
		}
	}

	/**
	 * A catalog order.
	 *
	 * @param text the customer's note.
	 */
	record Order(@Nullable String catalogId, @Nullable String text, List<OrderItem> items) implements MessageContent {

		public Order {
			items = List.copyOf(items);
		}
	}

	/**
	 * @param productRetailerId empty when absent.
	 */
	record OrderItem(String productRetailerId, int quantity, double itemPrice, @Nullable String currency) {

		public OrderItem {
			Objects.requireNonNull(productRetailerId, "product retailer id must not be null");
		}
	}

	/**
	 * A notice from WhatsApp itself ({@code type: system}), such as a customer changing their number.
	 *
	 * @param systemType {@code user_changed_number}, {@code customer_identity_changed}, ...
	 * @param newWaId for {@code user_changed_number}, the customer's new number ({@code system.wa_id}).
	 */
	record SystemNotice(@Nullable String body, @Nullable String systemType, @Nullable String newWaId)
			implements MessageContent {

		public static final String USER_CHANGED_NUMBER = "user_changed_number";
	}

	/**
	 * The customer deleted one of their messages.
	 */
	record Revoke(@Nullable String originalMessageId) implements MessageContent {}

	/**
	 * The customer edited one of their messages.
	 *
	 * @param rawJson the {@code edit} object as compact JSON, the new message under {@code message}; see
	 * {@link WhatsAppWebhooks#editedContent(Edit)}.
	 */
	record Edit(@Nullable String originalMessageId, String rawJson) implements MessageContent {

		public Edit {
			Objects.requireNonNull(rawJson, "raw JSON must not be null");
		}
	}

	/**
	 * The customer opened the chat for the first time ({@code type: request_welcome}).
	 */
	record RequestWelcome() implements MessageContent {}

	/**
	 * A message Switchboard does not model: {@code unsupported}, {@code unknown}, or any type it does not recognise,
	 * kept whole.
	 *
	 * @param type the message's declared {@code type}.
	 * @param unsupportedType {@code unsupported.type}, if Meta says what it was ({@code poll}, ...).
	 * @param rawJson the whole message object as compact JSON.
	 */
	record Unsupported(String type, @Nullable String unsupportedType, String rawJson) implements MessageContent {

		public Unsupported {
			Objects.requireNonNull(type, "type must not be null");
			Objects.requireNonNull(rawJson, "raw JSON must not be null");
		}
	}
}
