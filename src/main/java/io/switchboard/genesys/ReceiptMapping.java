package io.switchboard.genesys;

import io.switchboard.conversation.ConversationDestination.StatusChange;
import io.switchboard.conversation.FailureReason;
import io.switchboard.genesys.OpenInboundReceipt.Reason;
import io.switchboard.genesys.OpenInboundReceipt.Status;
import io.switchboard.genesys.OpenInboundReceipt.To;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Maps the neutral status of an agent's message to the receipt Genesys Cloud takes for it, following the conformance
 * corpus's conventions: Genesys hears {@code Delivered} once per message (a read message was delivered), and
 * {@code Failed} with the reason code of the neutral {@link FailureReason} ({@link ReceiptReasons}) and the
 * channel's sentence; never {@code Read}, which Open Messaging does not accept, and nothing for {@code sent}. Pure
 * functions.
 */
public final class ReceiptMapping {

	private ReceiptMapping() {}

	/**
	 * Maps one status to the receipt Genesys should get for it:
	 * <ul>
	 * <li>{@code DELIVERED}, {@code READ}: {@code Delivered};</li>
	 * <li>{@code FAILED}: {@code Failed}, with one reason ({@code GeneralError} when the status names none);</li>
	 * <li>anything else: none;</li>
	 * </ul>
	 * and none when Genesys is owed (or was given) that receipt already.
	 *
	 * @param change must not be {@literal null}.
	 * @param genesysMessageId the id of the agent's message in Genesys; must not be {@literal null}.
	 * @param to the customer, with the id and idType used when the customer wrote in; must not be {@literal null}.
	 * @param alreadyOwed the last receipt Genesys is owed for the message, {@literal null} when none.
	 * @return the receipt, timed at the status, always final.
	 */
	public static Optional<OpenInboundReceipt> receiptFor(StatusChange change, String genesysMessageId, To to,
			@Nullable Status alreadyOwed) {
		Objects.requireNonNull(change, "status change must not be null");
		Objects.requireNonNull(genesysMessageId, "Genesys message id must not be null");
		Objects.requireNonNull(to, "recipient must not be null");
		OpenInboundReceipt receipt = switch (change.status()) {
			case DELIVERED, READ -> OpenInboundReceipt.delivered(genesysMessageId, to, change.at());
			case FAILED -> OpenInboundReceipt.failed(genesysMessageId, to, change.at(), reason(change));
			default -> null;
		};
		return Optional.ofNullable(receipt).filter(r -> r.status() != alreadyOwed);
	}

	/**
	 * @param receipt a ledger entry's {@code genesysReceipt}, {@literal null} when none is owed.
	 * @return that receipt's status; {@literal null} for none or one Open Messaging does not know.
	 */
	public static @Nullable Status owed(@Nullable String receipt) {
		for (Status status : Status.values()) {
			if (status.name().equals(receipt)) {
				return status;
			}
		}
		return null;
	}

	private static Reason reason(StatusChange change) {
		FailureReason reason = change.reason() == null ? FailureReason.OTHER : change.reason();
		return new Reason(ReceiptReasons.code(reason), change.detail());
	}
}
