package io.switchboard.conversation;

/**
 * Why a message did not reach its recipient, in Switchboard's terms. Each channel maps its platform's errors to these,
 * and each destination translates them into its own vocabulary (Genesys receipt reason codes, problem types of the
 * API); the ledger keeps the platform's own sentence beside.
 */
public enum FailureReason {
	/** The recipient has never written to this number, so the channel has no conversation to send in. */
	UNKNOWN_RECIPIENT,
	/** The channel's service window is closed: only a template may be sent. */
	SERVICE_WINDOW_CLOSED,
	/** The recipient cannot be reached on the channel (not a user, blocked, unknown number). */
	RECIPIENT_UNREACHABLE,
	/** The recipient asked not to get such messages. */
	RECIPIENT_OPTED_OUT,
	/** The platform refused the message's form or content (too long, bad structure, invalid parameter). */
	INVALID_CONTENT,
	/** The channel cannot carry this kind of message at all. */
	UNSUPPORTED_CONTENT,
	/** The platform's policy refused the message (spam, quality, business not allowed to send it). */
	NOT_ALLOWED,
	/** Throughput limits outlasted every retry. */
	RATE_LIMITED,
	/** Switchboard stopped retrying: the platform stayed unavailable for as long as it retries. */
	GAVE_UP,
	/** Any other refusal. */
	OTHER
}
