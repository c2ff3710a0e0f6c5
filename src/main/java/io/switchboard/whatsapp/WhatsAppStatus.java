package io.switchboard.whatsapp;

import io.switchboard.platform.Identifiers;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A delivery update of a message Switchboard sent ({@code value.statuses[]}).
 *
 * @param id the wamid of the message sent; empty when absent.
 * @param status {@code sent}, {@code delivered}, {@code read}, {@code played} or {@code failed}; empty when absent.
 * @param timestamp when it happened; the epoch when absent.
 * @param recipientId the customer's phone number digits; never blank.
 * @param recipientUserId the customer's BSUID; never blank.
 * @param parentRecipientUserId the parent BSUID.
 * @param bizOpaqueCallbackData what Switchboard passed on the send, echoed back.
 * @param errors why a {@code failed} message failed.
 * @param pricing how Meta bills the message.
 * @param conversation the legacy conversation window, when Meta still sends it.
 */
public record WhatsAppStatus(String id, String status, Instant timestamp, @Nullable String recipientId,
		@Nullable String recipientUserId, @Nullable String parentRecipientUserId,
		@Nullable String bizOpaqueCallbackData, List<WhatsAppError> errors, @Nullable Pricing pricing,
		@Nullable ConversationInfo conversation) {

	public static final String SENT = "sent";
	public static final String DELIVERED = "delivered";
	public static final String READ = "read";
	public static final String PLAYED = "played";
	public static final String FAILED = "failed";

	public WhatsAppStatus {
		Objects.requireNonNull(id, "message id must not be null");
		Objects.requireNonNull(status, "status must not be null");
		Objects.requireNonNull(timestamp, "timestamp must not be null");
		errors = List.copyOf(errors);
	}

	/**
	 * @return what keeps the status from being taken in, naming the field: no id, status or recipient
	 *         ({@code recipient_id} or {@code recipient_user_id}), or one longer than {@link Identifiers#MAX_LENGTH};
	 *         {@literal null} if nothing.
	 */
	public @Nullable String defect() {
		String defect = Identifiers.required(id, "statuses[].id");
		if (defect == null) {
			defect = Identifiers.required(status, "statuses[].status");
		}
		if (defect == null && recipientId == null && recipientUserId == null) {
			defect = "statuses[].recipient_id (or recipient_user_id) is missing";
		}
		if (defect == null) {
			defect = Identifiers.tooLong(recipientId, "statuses[].recipient_id");
		}
		return defect != null ? defect : Identifiers.tooLong(recipientUserId, "statuses[].recipient_user_id");
	}
}
