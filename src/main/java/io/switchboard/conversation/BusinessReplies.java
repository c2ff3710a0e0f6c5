package io.switchboard.conversation;

/**
 * How a destination (or the API) hands a business message back to the core for the customer of a conversation: the
 * message is recorded in the ledger once per request key and queued in the conversation's order; the send policies
 * are checked and the conversation's channel sends it from the conversation's number. What becomes of it reaches the
 * destination through {@link ConversationDestination#statusChanged}.
 */
public interface BusinessReplies {

	/**
	 * @param conversation the conversation whose customer gets it.
	 * @param requestKey makes the call idempotent: the same key answers with the first call's entry.
	 * @param requestFingerprint what the request asked for, so that a key reused for another message can be told
	 *        apart ({@link MessageLedger.Recorded#isFor}).
	 * @param message what to send.
	 * @return the ledger entry, and whether this call created it.
	 * @throws IllegalArgumentException when the conversation does not exist.
	 */
	MessageLedger.Recorded send(ConversationId conversation, String requestKey, String requestFingerprint,
			BusinessMessage message);
}
