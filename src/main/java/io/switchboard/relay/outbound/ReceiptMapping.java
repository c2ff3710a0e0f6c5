package io.switchboard.relay.outbound;

import io.switchboard.conversation.FailureReason;
import io.switchboard.genesys.OpenInboundReceipt;
import io.switchboard.genesys.ReceiptReasons;
import io.switchboard.genesys.OpenInboundReceipt.Reason;
import io.switchboard.genesys.OpenInboundReceipt.To;
import io.switchboard.whatsapp.WhatsAppStatus;
import io.switchboard.whatsapp.WhatsAppError;
import io.switchboard.whatsapp.WhatsAppFailures;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Maps WhatsApp's delivery statuses of an agent's message to the receipts Genesys Cloud takes for it, following the
 * conformance corpus's conventions: Genesys hears {@code Delivered} once per message, and {@code Failed} with a reason
 * code it knows; never {@code Read}, which Open Messaging does not accept. Pure functions.
 */
public final class ReceiptMapping {

	private static final String GENERAL_ERROR = ReceiptReasons.code(FailureReason.OTHER);

	private ReceiptMapping() {}

	/**
	 * Maps one status to the receipt Genesys should get for it:
	 * <ul>
	 * <li>{@code sent}: none;</li>
	 * <li>{@code delivered}, {@code read}, {@code played}: {@code Delivered}, unless one was sent already (read
	 * implies delivered);</li>
	 * <li>{@code failed}: {@code Failed}, with one reason per WhatsApp error;</li>
	 * <li>anything else: none.</li>
	 * </ul>
	 *
	 * @param status must not be {@literal null}.
	 * @param genesysMessageId the id of the agent's message in Genesys; must not be {@literal null}.
	 * @param to the customer, with the id and idType used when the customer wrote in; must not be {@literal null}.
	 * @param deliveredAlreadySent whether Genesys already got {@code Delivered} for the message.
	 * @return the receipt, timed at the status, always final.
	 */
	public static Optional<OpenInboundReceipt> receiptFor(WhatsAppStatus status, String genesysMessageId, To to,
			boolean deliveredAlreadySent) {
		Objects.requireNonNull(status, "status must not be null");
		Objects.requireNonNull(genesysMessageId, "Genesys message id must not be null");
		Objects.requireNonNull(to, "recipient must not be null");
		Instant time = Instant.EPOCH.equals(status.timestamp()) ? null : status.timestamp();
		return switch (status.status()) {
			case WhatsAppStatus.DELIVERED, WhatsAppStatus.READ, WhatsAppStatus.PLAYED -> deliveredAlreadySent
					? Optional.empty() : Optional.of(OpenInboundReceipt.delivered(genesysMessageId, to, time));
			case WhatsAppStatus.FAILED -> Optional.of(new OpenInboundReceipt(genesysMessageId,
					new OpenInboundReceipt.Channel(to, time), OpenInboundReceipt.Status.Failed, reasons(status), true));
			default -> Optional.empty();
		};
	}

	/**
	 * @param error must not be {@literal null}.
	 * @return the Genesys reason for a WhatsApp error, with the message
	 *         {@code WhatsApp error <code>: <error_data.details | message | title>}.
	 */
	public static Reason reason(WhatsAppError error) {
		Objects.requireNonNull(error, "error must not be null");
		String text = firstText(error.details(), error.message(), error.title());
		return new Reason(reasonCode(error.code()),
				"WhatsApp error " + error.code() + (text == null ? "" : ": " + text));
	}

	/**
	 * @param metaCode a WhatsApp (Graph API) error code.
	 * @return the Genesys reason code for it; {@code GeneralError} for codes without a closer one.
	 */
	public static String reasonCode(int metaCode) {
		return ReceiptReasons.code(WhatsAppFailures.reason(metaCode));
	}

	private static List<Reason> reasons(WhatsAppStatus status) {
		if (status.errors().isEmpty()) {
			return List.of(new Reason(GENERAL_ERROR, "WhatsApp reported the message as failed without an error"));
		}
		return status.errors().stream().map(ReceiptMapping::reason).toList();
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
