package io.switchboard.conversation;

import io.switchboard.conversation.LedgerEntry.MessageStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The record of every message relayed, with both platforms' ids and a status that only moves forward.
 */
public interface MessageLedger {

	/**
	 * Records a customer's WhatsApp message once.
	 *
	 * @return the entry, as recorded now or by an earlier delivery of the same message.
	 */
	LedgerEntry recordInbound(String tenantId, String wamid, CustomerId customer, String type, Instant sentAt);

	/**
	 * Notes that Genesys accepted an inbound message.
	 */
	void markRelayed(long entryId, String genesysMessageId, @Nullable String conversationId);

	/**
	 * Notes that a message could not be relayed, and why.
	 */
	void markFailed(long entryId, String reason);

	/**
	 * Applies a WhatsApp status to the message with that wamid, if the move is forward.
	 *
	 * @return whether the status changed.
	 */
	boolean applyStatus(String tenantId, String wamid, MessageStatus status, @Nullable String reason);

	Optional<LedgerEntry> find(String tenantId, long entryId);

	Optional<LedgerEntry> findByWhatsAppId(String tenantId, String wamid);

	/**
	 * @param customerId only this customer's messages, or all when {@literal null}.
	 * @param status only messages in this status, or all when {@literal null}.
	 * @return newest first.
	 */
	List<LedgerEntry> list(String tenantId, @Nullable String customerId, @Nullable MessageStatus status, int limit);
}
