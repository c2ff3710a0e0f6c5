package io.switchboard.platform;

/**
 * Does the work published on one channel. A handler must be idempotent: work is delivered at least once. Returning
 * normally completes the work; {@link RetryLater} asks for another attempt after a delay; any other exception is
 * retried with exponential backoff until the attempts run out, after which the work stays visible as failed.
 *
 * @param <T> the work record type.
 */
public interface WorkHandler<T> {

	/**
	 * @return the channel this handler consumes.
	 */
	String channel();

	/**
	 * @return the record type work on the channel is read as.
	 */
	Class<T> type();

	void handle(T work);

	/**
	 * Called once when the work failed on its last attempt and is parked, so that the failure can be made visible
	 * where users look (e.g. the message ledger). Must not throw.
	 *
	 * @param reason the last failure.
	 */
	default void exhausted(T work, String reason) {}
}
