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

	/** How the failure reason of a message given up after its retries begins. */
	String GAVE_UP = "Gave up after repeated attempts: ";

	/**
	 * Records a customer's WhatsApp message once.
	 *
	 * @return the entry, as recorded now or by an earlier delivery of the same message.
	 */
	LedgerEntry recordInbound(String tenantId, String wamid, CustomerId customer, String type, Instant sentAt);

	/**
	 * Records an agent's message from Genesys once, before it is sent to WhatsApp.
	 *
	 * @return the entry, as recorded now or by an earlier delivery of the same message.
	 */
	LedgerEntry recordOutbound(String tenantId, String genesysMessageId, CustomerId customer, String type,
			@Nullable String conversationId, @Nullable Instant sentAt);

	/**
	 * Records a customer's message a back-office system handed in through the API once, with the fingerprint of the
	 * request that asked for it.
	 *
	 * @param wamid the message's id: the caller's {@code metadata.whatsappMessageId} or one made of its
	 *        {@code Idempotency-Key}.
	 * @param requestFingerprint what the request asked for (see {@link Recorded#isFor}).
	 * @return the entry as recorded now or by an earlier request, whether this call created it, and the fingerprint
	 *         it was recorded with.
	 */
	Recorded recordHandedIn(String tenantId, String wamid, CustomerId customer, String type, Instant sentAt,
			String requestFingerprint);

	/**
	 * @return the message recorded under {@code wamid} (see {@link #findByWhatsAppId}), with the fingerprint of the
	 *         request that handed it in, if any.
	 */
	Optional<Recorded> findHandedIn(String tenantId, String wamid);

	/**
	 * Records a message a back-office system asked to send through the API, once per idempotency key.
	 *
	 * @param requestKey the caller's {@code Idempotency-Key}, or a fresh key when it gave none.
	 * @param requestFingerprint what the request asked for (see {@link Recorded#isFor}).
	 * @return the entry as recorded now or by an earlier request with the same key, whether this call created it,
	 *         and the fingerprint it was recorded with.
	 */
	Recorded recordRequested(String tenantId, String requestKey, CustomerId customer, String type,
			String requestFingerprint);

	/**
	 * @return the message recorded for an idempotency key, with the fingerprint of the request that asked for it.
	 */
	Optional<Recorded> findRequested(String tenantId, String requestKey);

	/**
	 * An entry, whether the call that returned it created it, and the fingerprint of the API request it was recorded
	 * for.
	 *
	 * @param requestFingerprint {@literal null} for an entry no API request recorded, or one recorded before
	 *        fingerprints were kept.
	 */
	record Recorded(LedgerEntry entry, boolean created, @Nullable String requestFingerprint) {

		/**
		 * @return whether the entry answers a request with this fingerprint: it was recorded for the same request,
		 *         or for one whose fingerprint was not kept.
		 */
		public boolean isFor(String fingerprint) {
			return requestFingerprint == null || requestFingerprint.equals(fingerprint);
		}
	}

	/**
	 * Notes that WhatsApp accepted an outbound message (all its parts) under {@code wamid}.
	 */
	void markSent(long entryId, String wamid);

	/**
	 * Notes that WhatsApp accepted the first {@code partsSent} parts of an outbound message sent in several, so that
	 * a retry sends only the rest.
	 *
	 * @param firstWamid the wamid of the first part, which statuses are matched by.
	 */
	void markPartsSent(long entryId, int partsSent, String firstWamid);

	/**
	 * Notes that Genesys is owed a receipt for a message ({@link LedgerEntry.ReceiptState#OWED}), so that the same
	 * receipt is queued only once.
	 *
	 * @param receipt {@code Delivered} or {@code Failed}.
	 */
	void markReceiptOwed(long entryId, String receipt);

	/**
	 * Notes what became of an owed receipt: given, refused or not given. Applies only while {@code receipt} is still
	 * the last one owed.
	 *
	 * @param error why it was not given; {@literal null} when it was.
	 */
	void markReceipt(long entryId, String receipt, LedgerEntry.ReceiptState state, @Nullable String error);

	/**
	 * Notes that Genesys accepted an inbound message.
	 */
	void markRelayed(long entryId, String genesysMessageId, @Nullable String conversationId);

	/**
	 * Notes that a message could not be relayed, and why.
	 */
	void markFailed(long entryId, String reason);

	/**
	 * Notes that a message was given up after its retries ran out: {@link MessageStatus#FAILED} with a reason
	 * beginning {@link #GAVE_UP}. Applies only while it is {@link MessageStatus#RECEIVED}.
	 *
	 * @param reason the last failure.
	 * @return whether the entry changed.
	 */
	boolean markGivenUp(long entryId, String reason);

	/**
	 * Makes a message given up ({@link #markGivenUp}) {@link MessageStatus#RECEIVED} again, because its work is
	 * replayed. A message that failed for another reason (a platform refused it) stays failed.
	 *
	 * @return whether the entry changed.
	 */
	boolean reopenGivenUp(long entryId);

	/**
	 * Applies a status to a message if the move is forward (see {@link MessageStatus#canMoveTo}).
	 *
	 * @param reason why it failed, for {@link MessageStatus#FAILED}.
	 * @return whether the status changed.
	 */
	boolean applyStatus(long entryId, MessageStatus status, @Nullable String reason);

	/**
	 * Notes the file a message carried, as Switchboard keeps it.
	 */
	void recordMedia(long entryId, LedgerEntry.MediaRecord media);

	Optional<LedgerEntry> find(String tenantId, long entryId);

	Optional<LedgerEntry> findByWhatsAppId(String tenantId, String wamid);

	/**
	 * @param direction {@code inbound} or {@code outbound}.
	 */
	Optional<LedgerEntry> findByGenesysId(String tenantId, Direction direction, String genesysMessageId);

	/**
	 * @return the customer's most recent message to the business, if any.
	 */
	Optional<LedgerEntry> lastInbound(String tenantId, String customerId);

	/**
	 * @param customerId only this customer's messages, or all when {@literal null}.
	 * @param status only messages in this status, or all when {@literal null}.
	 * @return newest first.
	 */
	List<LedgerEntry> list(String tenantId, @Nullable String customerId, @Nullable MessageStatus status, int limit);
}
