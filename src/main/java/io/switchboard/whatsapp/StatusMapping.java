package io.switchboard.whatsapp;

import io.switchboard.conversation.ConversationDestination.StatusChange;
import io.switchboard.conversation.FailureReason;
import io.switchboard.conversation.LedgerEntry.MessageStatus;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Maps WhatsApp's delivery statuses of a business message to Switchboard's neutral {@link StatusChange}:
 * {@code sent}, {@code delivered}, {@code read} (and {@code played}, a voice message's read) and {@code failed}
 * become the ledger's {@link MessageStatus}; a failure carries the {@link FailureReason} of its first error
 * ({@link WhatsAppFailures}) and a sentence naming every error. Pure functions.
 */
public final class StatusMapping {

	/** The sentence of a failure WhatsApp reports without an error. */
	static final String FAILED_WITHOUT_ERROR = "WhatsApp reported the message as failed without an error";

	private StatusMapping() {}

	/**
	 * @param status must not be {@literal null}.
	 * @param ledgerEntryId the message the status is for, in the ledger.
	 * @return the neutral status, timed at WhatsApp's timestamp when it has one; empty for statuses Switchboard does
	 *         not follow ({@code deleted}, {@code warning}, ...).
	 */
	public static Optional<StatusChange> toStatusChange(WhatsAppStatus status, long ledgerEntryId) {
		Objects.requireNonNull(status, "status must not be null");
		Instant at = Instant.EPOCH.equals(status.timestamp()) ? null : status.timestamp();
		return toMessageStatus(status.status()).map(next -> next == MessageStatus.FAILED
				? new StatusChange(ledgerEntryId, next, reason(status), detail(status), at)
				: new StatusChange(ledgerEntryId, next, null, null, at));
	}

	/**
	 * @param whatsappStatus WhatsApp's {@code statuses[].status}.
	 * @return the ledger's status for it; empty for statuses Switchboard does not follow.
	 */
	public static Optional<MessageStatus> toMessageStatus(String whatsappStatus) {
		return Optional.ofNullable(switch (whatsappStatus) {
			case WhatsAppStatus.SENT -> MessageStatus.SENT;
			case WhatsAppStatus.DELIVERED -> MessageStatus.DELIVERED;
			case WhatsAppStatus.READ, WhatsAppStatus.PLAYED -> MessageStatus.READ;
			case WhatsAppStatus.FAILED -> MessageStatus.FAILED;
			default -> null;
		});
	}

	/**
	 * @param error must not be {@literal null}.
	 * @return {@code WhatsApp error <code>: <error_data.details | message | title>}, the first of those with text;
	 *         {@code WhatsApp error <code>} when none has.
	 */
	public static String describe(WhatsAppError error) {
		Objects.requireNonNull(error, "error must not be null");
		String text = firstText(error.details(), error.message(), error.title());
		return "WhatsApp error " + error.code() + (text == null ? "" : ": " + text);
	}

	private static FailureReason reason(WhatsAppStatus status) {
		return status.errors().isEmpty() ? FailureReason.OTHER
				: WhatsAppFailures.reason(status.errors().getFirst().code());
	}

	private static String detail(WhatsAppStatus status) {
		if (status.errors().isEmpty()) {
			return FAILED_WITHOUT_ERROR;
		}
		return status.errors().stream().map(StatusMapping::describe).collect(Collectors.joining("; "));
	}

	private static @Nullable String firstText(@Nullable String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null && !candidate.isBlank()) {
				return candidate;
			}
		}
		return null;
	}
}
