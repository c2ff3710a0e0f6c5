package io.switchboard.whatsapp;

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
 * @param recipientId the customer's phone number digits.
 * @param recipientUserId the customer's BSUID.
 * @param parentRecipientUserId the parent BSUID.
 * @param bizOpaqueCallbackData what Switchboard passed on the send, echoed back.
 * @param errors why a {@code failed} message failed.
 * @param pricing how Meta bills the message.
 * @param conversation the legacy conversation window, when Meta still sends it.
 */
public record MessageStatus(String id, String status, Instant timestamp, @Nullable String recipientId,
		@Nullable String recipientUserId, @Nullable String parentRecipientUserId,
		@Nullable String bizOpaqueCallbackData, List<WhatsAppError> errors, @Nullable Pricing pricing,
		@Nullable ConversationInfo conversation) {

	public static final String SENT = "sent";
	public static final String DELIVERED = "delivered";
	public static final String READ = "read";
	public static final String PLAYED = "played";
	public static final String FAILED = "failed";

	public MessageStatus {
		Objects.requireNonNull(id, "message id must not be null");
		Objects.requireNonNull(status, "status must not be null");
		Objects.requireNonNull(timestamp, "timestamp must not be null");
		errors = List.copyOf(errors);
	}
}
