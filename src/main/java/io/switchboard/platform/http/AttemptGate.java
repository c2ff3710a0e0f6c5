package io.switchboard.platform.http;

/**
 * Lets each attempt of a call start only when its turn has come (for instance a phone number's message pacing), and
 * learns when it is over. Calls that need no gate use {@link #OPEN}.
 */
@FunctionalInterface
public interface AttemptGate {

	/** A gate that never waits. */
	AttemptGate OPEN = attempt -> () -> {};

	/**
	 * Waits for the attempt's turn.
	 *
	 * @param attempt the attempt about to start, from 1.
	 * @return the turn, closed once the attempt got its answer or failed.
	 * @throws InterruptedException when the thread was interrupted while waiting.
	 */
	Turn enter(int attempt) throws InterruptedException;

	/**
	 * One attempt's turn.
	 */
	@FunctionalInterface
	interface Turn extends AutoCloseable {

		/**
		 * Ends the turn; called exactly once per turn.
		 */
		@Override
		void close();
	}
}
