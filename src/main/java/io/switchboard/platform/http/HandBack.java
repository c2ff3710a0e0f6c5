package io.switchboard.platform.http;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Why the attempt loop stopped repeating a request that is worth repeating, and handed it back to the caller to
 * reschedule durably.
 *
 * @param reason what ended the loop.
 * @param attempts the failed attempts made.
 * @param retryAfter the {@code Retry-After} of the last answer (or the wait that was interrupted), if any.
 */
public record HandBack(Reason reason, int attempts, @Nullable Duration retryAfter) {

	/**
	 * What ended the loop.
	 */
	public enum Reason {

		/** Every attempt the settings allow failed. */
		ATTEMPTS_SPENT,

		/** The platform asked to wait longer than the settings wait in place. */
		WAIT_TOO_LONG,

		/** The calling thread was interrupted. */
		INTERRUPTED
	}
}
