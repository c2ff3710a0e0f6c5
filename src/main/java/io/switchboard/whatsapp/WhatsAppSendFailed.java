package io.switchboard.whatsapp;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * WhatsApp did not accept a send, classified by the Graph error code (never by the HTTP status or the message text).
 * The message carries WhatsApp's code and details and no secret.
 */
public class WhatsAppSendFailed extends RuntimeException {

	/**
	 * What the failure means for the caller.
	 */
	public enum Kind {
		/** Throughput, pair-rate or transient trouble that outlasted the sender's own retries: try again later. */
		RETRY_LATER,
		/** More than 24 hours since the customer last wrote (131047): only a template may be sent. */
		WINDOW_CLOSED,
		/** The recipient cannot receive it (131026, 131021, 131030...). */
		UNDELIVERABLE,
		/** The request is wrong (100, 131008, 131009, 131051, 132xxx...): fix the payload, do not retry. */
		INVALID_REQUEST,
		/** The tenant's access token is expired or revoked (190, 0): sends stop until it is replaced. */
		CREDENTIALS,
		/** Anything else WhatsApp refused for good (policy, account, permission). */
		REFUSED
	}

	private final Kind kind;
	private final int code;
	private final @Nullable String details;
	private final @Nullable Duration retryAfter;

	public WhatsAppSendFailed(Kind kind, int code, String message, @Nullable String details,
			@Nullable Duration retryAfter) {
		super(message);
		this.kind = kind;
		this.code = code;
		this.details = details;
		this.retryAfter = retryAfter;
	}

	public Kind kind() {
		return kind;
	}

	/**
	 * @return the Graph error code; {@literal 0} when WhatsApp could not be reached at all.
	 */
	public int code() {
		return code;
	}

	public @Nullable String details() {
		return details;
	}

	public @Nullable Duration retryAfter() {
		return retryAfter;
	}

	/**
	 * @return {@code WhatsApp error <code>: <details or message>}, fit for the ledger and for Genesys receipts.
	 */
	public String reason() {
		return "WhatsApp error " + code + ": " + (details != null ? details : getMessage());
	}
}
