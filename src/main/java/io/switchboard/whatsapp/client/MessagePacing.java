package io.switchboard.whatsapp.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The port that paces message sends of a phone number: its throughput limit, the pair rate limit of each (number,
 * customer) pair and the optional spacing between messages to one customer. It applies to calls of the messages
 * endpoint only; media and lookups are never paced. {@link SendPacer} is the in-process adapter; an adapter over a
 * shared store lets several processes share one number's limits.
 */
public interface MessagePacing {

	/**
	 * Waits until a request to the messages endpoint may start: for the spacing to its customer, if on, then for a
	 * throughput slot of the number. Every turn must be {@linkplain #finished(Waited) finished}.
	 *
	 * @param recipient the customer, or {@literal null} for requests not addressed to one (and for repeats).
	 * @param messagesPerSecond the number's throughput limit.
	 * @return how long the request waited.
	 * @throws InterruptedException when the thread was interrupted while waiting.
	 */
	Waited awaitTurn(String phoneNumberId, @Nullable String recipient, int messagesPerSecond)
			throws InterruptedException;

	/**
	 * Notes that the request of a turn got its answer (or failed).
	 */
	void finished(Waited turn);

	/**
	 * @return how long the pair is still left alone after a pair-rate refusal; zero when it may be messaged.
	 */
	Duration heldBack(String phoneNumberId, String recipient);

	/**
	 * Leaves a pair alone after WhatsApp refused a message to it with the pair rate limit (131056), for at least
	 * {@code backoff} and longer when it happens again.
	 *
	 * @return how long the pair is left alone.
	 */
	Duration holdBack(String phoneNumberId, String recipient, Duration backoff);

	/**
	 * How long a request waited for its turn.
	 *
	 * @param pairSpacing for the spacing to its customer.
	 * @param throughput for its phone number's throughput.
	 * @param phoneNumberId the number the turn belongs to.
	 */
	record Waited(Duration pairSpacing, Duration throughput, String phoneNumberId) {

		/**
		 * @return the whole wait.
		 */
		public Duration total() {
			return pairSpacing.plus(throughput);
		}
	}
}
