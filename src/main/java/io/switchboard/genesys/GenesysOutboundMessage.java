package io.switchboard.genesys;

import io.switchboard.platform.Identifiers;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What Genesys Cloud posts to the integration's outbound webhook (an Outbound Open NormalizedMessage): an agent's or a
 * bot's message to a customer, a typing event, or a receipt about a message Switchboard sent in. Field names follow
 * Genesys's, flattened where Genesys nests them under {@code channel}.
 *
 * @param id the Genesys message id: the dedupe key, and the {@code id} of any receipt about this message; empty when
 *        absent.
 * @param integrationId {@code channel.id}, the Open Messaging integration it was sent through; empty when absent.
 * @param messageId {@code channel.messageId}, usually equal to {@code id}.
 * @param to {@code channel.to}, the customer; must not be {@literal null}.
 * @param from {@code channel.from}, the integration.
 * @param time {@code channel.time}, when Genesys sent it.
 * @param conversationId the Genesys conversation.
 * @param type {@link #TEXT}, {@link #STRUCTURED}, {@link #RECEIPT}, {@link #EVENT} or any other value, kept as sent;
 *        empty when absent.
 * @param text the message text.
 * @param content attachments, quick replies and whatever else Genesys attaches, in order.
 * @param events the events of an {@link #EVENT}.
 * @param status the status of a {@link #RECEIPT}: {@code Sent}, {@code Delivered}, {@code Read}, {@code Failed},
 *        {@code Published} or {@code Removed}.
 * @param reasons why a {@link #RECEIPT} failed.
 * @param isFinalReceipt whether a receipt is the message's last.
 * @param direction {@code Outbound}.
 * @param originatingEntity {@code Human} or {@code Bot}.
 */
public record GenesysOutboundMessage(String id, String integrationId, @Nullable String messageId, Party to,
		@Nullable Party from, @Nullable Instant time, @Nullable String conversationId, String type,
		@Nullable String text, List<Content> content, List<Event> events, @Nullable String status,
		List<Reason> reasons, boolean isFinalReceipt, @Nullable String direction, @Nullable String originatingEntity) {

	public static final String TEXT = "Text";
	public static final String STRUCTURED = "Structured";
	public static final String RECEIPT = "Receipt";
	public static final String EVENT = "Event";

	public GenesysOutboundMessage {
		Objects.requireNonNull(id, "message id must not be null");
		Objects.requireNonNull(integrationId, "integration id must not be null");
		Objects.requireNonNull(to, "recipient must not be null");
		Objects.requireNonNull(type, "type must not be null");
		content = content == null ? List.of() : List.copyOf(content);
		events = events == null ? List.of() : List.copyOf(events);
		reasons = reasons == null ? List.of() : List.copyOf(reasons);
	}

	/**
	 * @return what keeps the message from being taken in, naming the field: no id ({@code id}, else
	 *         {@code channel.messageId}), integration ({@code channel.id}) or customer ({@code channel.to.id}), or an
	 *         id or {@code conversationId} longer than {@link Identifiers#MAX_LENGTH}; {@literal null} if nothing.
	 */
	public @Nullable String defect() {
		String defect = Identifiers.required(id, "id");
		if (defect == null) {
			defect = Identifiers.tooLong(messageId, "channel.messageId");
		}
		if (defect == null) {
			defect = Identifiers.required(integrationId, "channel.id");
		}
		if (defect == null) {
			defect = Identifiers.required(to.id(), "channel.to.id");
		}
		return defect != null ? defect : Identifiers.tooLong(conversationId, "conversationId");
	}

	/**
	 * @return the first attachment; Genesys sends at most one per message.
	 */
	public @Nullable Attachment attachment() {
		return content.stream().map(Content::attachment).filter(Objects::nonNull).findFirst().orElse(null);
	}

	/**
	 * @return the quick replies offered, in order.
	 */
	public List<QuickReply> quickReplies() {
		return content.stream().map(Content::quickReply).filter(Objects::nonNull).toList();
	}

	/**
	 * A participant of the message.
	 *
	 * @param id the customer's id within the integration (wa_id digits or BSUID), or the integration id; empty when
	 *        absent.
	 * @param idType how Genesys reads {@code id}: {@code Phone}, {@code Opaque}, {@code Email}, ...
	 * @param nickname the name shown in Genesys.
	 */
	public record Party(String id, @Nullable String idType, @Nullable String nickname) {

		public Party {
			Objects.requireNonNull(id, "party id must not be null");
		}
	}

	/**
	 * One item of {@code content[]}. The parsed forms cover what Switchboard relays; {@code rawJson} keeps the whole
	 * item for the rest ({@code Notification} templates, cards, carousels, date pickers, ...).
	 *
	 * @param contentType {@code Attachment}, {@code QuickReply}, {@code Notification}, ...; empty when absent.
	 * @param attachment the attachment of an {@code Attachment} item.
	 * @param quickReply the quick reply of a {@code QuickReply} item.
	 * @param rawJson the item as compact JSON; must not be {@literal null}.
	 */
	public record Content(String contentType, @Nullable Attachment attachment, @Nullable QuickReply quickReply,
			String rawJson) {

		public Content {
			Objects.requireNonNull(contentType, "content type must not be null");
			Objects.requireNonNull(rawJson, "raw JSON must not be null");
		}
	}

	/**
	 * A file an agent sent. The {@code url} is Genesys's and of unknown validity: download it on receipt.
	 *
	 * @param mediaType {@code Image}, {@code Video}, {@code Audio}, {@code File} or {@code Link}.
	 * @param mime the IANA media type.
	 * @param text a caption Genesys puts on the attachment itself.
	 * @param sha256 the file's digest, when Genesys gives one.
	 * @param contentSizeBytes the file's size, when Genesys gives it.
	 */
	public record Attachment(@Nullable String id, @Nullable String mediaType, @Nullable String url,
			@Nullable String mime, @Nullable String filename, @Nullable String text, @Nullable String sha256,
			@Nullable Long contentSizeBytes) {}

	/**
	 * A reply a bot offers the customer.
	 *
	 * @param text what the customer sees and taps; empty when absent.
	 * @param payload what the bot gets back.
	 * @param action {@code Message}.
	 */
	public record QuickReply(String text, @Nullable String payload, @Nullable String action) {

		public QuickReply {
			Objects.requireNonNull(text, "quick reply text must not be null");
		}
	}

	/**
	 * One item of {@code events[]}.
	 *
	 * @param eventType {@code Typing}, ...; empty when absent.
	 * @param typingType {@code typing.type}: {@code On} or {@code Off}.
	 * @param durationMillis {@code typing.duration}.
	 */
	public record Event(String eventType, @Nullable String typingType, @Nullable Long durationMillis) {

		public static final String TYPING = "Typing";

		public Event {
			Objects.requireNonNull(eventType, "event type must not be null");
		}
	}

	/**
	 * Why Genesys reports a message as failed.
	 *
	 * @param code {@code MediaTypeNotAllowed}, {@code InvalidDestination}, ...; empty when absent.
	 * @param message Genesys's explanation.
	 */
	public record Reason(String code, @Nullable String message) {

		public Reason {
			Objects.requireNonNull(code, "reason code must not be null");
		}
	}
}
