package io.switchboard.conversation;

import io.switchboard.tenant.Tenant;

import java.time.Instant;
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
	 * Tells the destination what became of a business message Switchboard sent in one of its conversations (an agent's
	 * answer it handed back, or one asked through {@link BusinessReplies}): sent, delivered, read, or failed and why.
	 * The core calls it when the ledger's status of the message moved forward, when the channel repeats the status the
	 * ledger already shows (so that a change is told again after a crash between the two), and for every failure, even
	 * one the ledger does not take because it shows the message delivered already: a destination hears a
	 * {@link LedgerEntry.MessageStatus#FAILED} after a {@link LedgerEntry.MessageStatus#DELIVERED} when the channel
	 * reports one. Called at least once per change, in order per conversation; must be idempotent. Genesys owes its
	 * receipt here.
	 *
	 * @param tenant the tenant whose conversation it is.
	 * @param conversation the conversation; {@literal null} when Switchboard has none for the message (an agent's
	 *        message sent before Switchboard kept conversations, adopted from its status), in which case the status
	 *        goes to the default destination of the number that sent it.
	 * @param change what changed.
	 */
	default void statusChanged(Tenant tenant, @Nullable Conversation conversation, StatusChange change) {}

	/**
	 * A business message's new status.
	 *
	 * @param ledgerEntryId the message in the ledger, as {@link BusinessReplies#send} answered it.
	 * @param status where the message stands now, as the channel reports it.
	 * @param reason why it failed, for {@link LedgerEntry.MessageStatus#FAILED}; {@literal null} otherwise.
	 * @param detail the channel's sentence for a failure (all its errors); {@literal null} otherwise.
	 * @param at when the channel says it happened; {@literal null} when it does not say.
	 */
	record StatusChange(long ledgerEntryId, LedgerEntry.MessageStatus status, @Nullable FailureReason reason,
			@Nullable String detail, @Nullable Instant at) {

		public StatusChange {
			Objects.requireNonNull(status, "status must not be null");
		}
	}

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
