package io.switchboard.conversation;

import io.switchboard.tenant.Tenant;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a tenant's conversations are handled: a contact center, Switchboard's agent desk, a bot, a business's own
 * system. The core routes each customer message to the destination its conversation is with and calls
 * {@link #deliver}; an adapter module implements this interface for one kind of destination (Genesys Cloud Open
 * Messaging is the first) and is found by its {@link #name()}.
 * <p>
 * Implementations map the neutral message to their own format with pure functions and translate their platform's
 * answers: accepted for good ({@link Delivered}), refused for good ({@link DeliveryRefused}), or not now
 * ({@link io.switchboard.work.RetryLater}, which the work queue retries for as long as it retries outages).
 */
public interface ConversationDestination {

	/**
	 * @return the destination's name in routes and the ledger, e.g. {@code genesys}; stable across releases.
	 */
	String name();

	/**
	 * Hands a customer's message to the destination.
	 *
	 * @param tenant the tenant whose conversation it is.
	 * @param conversation the conversation, with the customer under the id the destination knows them by and the
	 *        destination's own id for it once it gave one.
	 * @param message the message.
	 * @return the destination's ids for the message and the conversation it joined.
	 * @throws DeliveryRefused when the destination refuses the message for good.
	 * @throws io.switchboard.work.RetryLater when the destination cannot take it now.
	 */
	Delivered deliver(Tenant tenant, Conversation conversation, CustomerMessage message);

	/**
	 * Tells the destination what became of a business message it asked Switchboard to send
	 * ({@link BusinessReplies}): sent, delivered, read, or failed and why. Called at least once per change, in order
	 * per conversation; must be idempotent. Genesys's receipts are still given on their own queue, not through here.
	 *
	 * @param tenant the tenant whose conversation it is.
	 * @param conversation the conversation.
	 * @param change what changed.
	 */
	default void statusChanged(Tenant tenant, Conversation conversation, StatusChange change) {}

	/**
	 * A business message's new status.
	 *
	 * @param ledgerEntryId the message in the ledger, as {@link BusinessReplies#send} answered it.
	 * @param status where the message stands now.
	 * @param reason why it failed, for {@link LedgerEntry.MessageStatus#FAILED}.
	 * @param detail the channel's sentence for a failure.
	 */
	record StatusChange(long ledgerEntryId, LedgerEntry.MessageStatus status,
			@Nullable FailureReason reason, @Nullable String detail) {}

	/**
	 * The destination accepted a message.
	 *
	 * @param messageId the destination's id of the message.
	 * @param conversationId the destination's id of the conversation it joined, when it tells.
	 */
	record Delivered(String messageId, @Nullable String conversationId) {

		public Delivered {
			Objects.requireNonNull(messageId, "message id must not be null");
		}
	}
}
