package io.switchboard.conversation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One message Switchboard relayed, as recorded in the ledger.
 *
 * @param id the ledger's own id.
 * @param direction {@code inbound} (customer to contact center) or {@code outbound}.
 * @param customerId the customer's id towards Genesys.
 * @param whatsappMessageId the wamid.
 * @param genesysMessageId Genesys's message id, once known.
 * @param type the WhatsApp message type.
 * @param status where the message stands.
 * @param failureReason why it failed, for failed messages.
 * @param platformTime when the sender's platform says it was sent.
 * @param genesysReceipt the last receipt Genesys is owed for this message ({@code Delivered} or {@code Failed}).
 * @param genesysReceiptState whether that receipt was given.
 * @param genesysReceiptError why it was not given, when it was refused or given up.
 * @param partsSent for an outbound message sent in several parts, how many WhatsApp has accepted while the send is
 *        incomplete (a status for the first part may already have moved the entry on); 0 once all were sent.
 * @param media the file the message carried, as Switchboard keeps it; {@literal null} for messages without one.
 */
public record LedgerEntry(long id, String tenantId, Direction direction, String customerId,
		@Nullable String conversationId, @Nullable String whatsappMessageId, @Nullable String genesysMessageId,
		String type, MessageStatus status, @Nullable String failureReason, @Nullable Instant platformTime,
		@Nullable String genesysReceipt, @Nullable ReceiptState genesysReceiptState,
		@Nullable String genesysReceiptError, int partsSent, Instant createdAt, Instant updatedAt,
		@Nullable MediaRecord media) {

	/**
	 * A message's file in the media store.
	 *
	 * @param type the kind of file ({@code image}, {@code document}, ...).
	 * @param storeKey where it is kept ({@code <bucket>/<tenant>/<sha256>}).
	 * @param size its length in bytes.
	 * @param sha256 the lower-case hex SHA-256 of its bytes.
	 */
	public record MediaRecord(String type, String storeKey, long size, String sha256) {}

	/**
	 * Where the receipt Genesys is owed stands.
	 */
	public enum ReceiptState {
		/** Queued, not yet accepted by Genesys. */
		OWED,
		/** Genesys accepted it. */
		GIVEN,
		/** Genesys refused it for good (a 4xx that will not change). */
		REFUSED,
		/** Genesys could not be reached for as long as Switchboard retries. */
		NOT_GIVEN
	}

	/**
	 * Where a message stands. Statuses only move forward: a later status never replaces one ranked higher, and
	 * {@link #FAILED} only replaces a status below {@link #DELIVERED}.
	 */
	public enum MessageStatus {
		/** Accepted by Switchboard, not yet handed on. */
		RECEIVED(0),
		/** Handed to the other platform, which accepted it. */
		RELAYED(1),
		/** WhatsApp says it is sent. */
		SENT(2),
		/** Delivered to the recipient. */
		DELIVERED(3),
		/** Read by the recipient. */
		READ(4),
		/** Could not be relayed or delivered; see the failure reason. */
		FAILED(-1);

		private final int rank;

		MessageStatus(int rank) {
			this.rank = rank;
		}

		/**
		 * @return whether a message in this status may move to {@code next}.
		 */
		public boolean canMoveTo(MessageStatus next) {
			if (this == FAILED) {
				return next == DELIVERED || next == READ;
			}
			if (next == FAILED) {
				return rank < DELIVERED.rank;
			}
			return next.rank > rank;
		}
	}
}
