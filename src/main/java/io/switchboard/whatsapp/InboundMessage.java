package io.switchboard.whatsapp;

import io.switchboard.platform.Identifiers;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A customer's message ({@code value.messages[]}). A sender who hides their number comes without {@code from}, with
 * {@code fromUserId} only.
 *
 * @param id the wamid, Meta's message id; the dedupe key. Empty when absent.
 * @param from the sender's phone number digits; never blank.
 * @param fromUserId the sender's business-scoped user id (BSUID); never blank.
 * @param fromParentUserId the parent BSUID; never a customer's id.
 * @param timestamp when the customer sent it; the epoch when absent.
 * @param type the declared {@code type}, as Meta wrote it.
 * @param context the message replied to, forward flags, or product asked about.
 * @param referral the ad or post the customer came from.
 * @param errors why the message could not be delivered in full (unsupported type, media download failed, ...).
 * @param content what the message says; {@link MessageContent.Unsupported} for anything Switchboard does not model.
 * @param groupId the group the message was sent in.
 */
public record InboundMessage(String id, @Nullable String from, @Nullable String fromUserId,
		@Nullable String fromParentUserId, Instant timestamp, String type, @Nullable MessageContext context,
		@Nullable Referral referral, List<WhatsAppError> errors, MessageContent content, @Nullable String groupId) {

	public InboundMessage {
		Objects.requireNonNull(id, "message id must not be null");
		Objects.requireNonNull(timestamp, "timestamp must not be null");
		Objects.requireNonNull(type, "type must not be null");
		errors = List.copyOf(errors);
		Objects.requireNonNull(content, "content must not be null");
	}

	/**
	 * @return what keeps the message from being taken in, naming the field: no id, no sender ({@code from} or
	 *         {@code from_user_id}), or either longer than {@link Identifiers#MAX_LENGTH}; {@literal null} if nothing.
	 */
	public @Nullable String defect() {
		String defect = Identifiers.required(id, "messages[].id");
		if (defect == null && from == null && fromUserId == null) {
			defect = "messages[].from (or from_user_id) is missing";
		}
		if (defect == null) {
			defect = Identifiers.tooLong(from, "messages[].from");
		}
		return defect != null ? defect : Identifiers.tooLong(fromUserId, "messages[].from_user_id");
	}
}
