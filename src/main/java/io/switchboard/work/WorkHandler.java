package io.switchboard.work;

/**
 * Does the work published on one channel. A handler must be idempotent: work is delivered at least once. Returning
 * normally completes the work; {@link RetryLater} asks for another attempt after a delay; any other exception is
 * retried with exponential backoff until the attempts run out, after which the work is a dead letter, which an
 * operator can replay (see {@link #replayed}) or discard.
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

	/**
	 * Called when an operator replays the work from the dead letters, in the transaction that publishes it again and
	 * before it is handled, so that what {@link #exhausted} recorded can be undone and the replayed work is done once
	 * more instead of being skipped as already failed. What the platforms accepted or refused for good must stay
	 * recorded: a replay retries delivery, it never repeats one.
	 */
	default void replayed(T work) {}
}
