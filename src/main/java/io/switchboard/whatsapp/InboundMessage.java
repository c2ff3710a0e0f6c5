package io.switchboard.whatsapp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A customer's message ({@code value.messages[]}). A sender who hides their number comes without {@code from}, with
 * {@code fromUserId} only.
 *
 * @param id the wamid, Meta's message id; the dedupe key. Empty when absent.
 * @param from the sender's phone number digits.
 * @param fromUserId the sender's business-scoped user id (BSUID).
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
}
