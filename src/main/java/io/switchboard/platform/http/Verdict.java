package io.switchboard.platform.http;

import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What a platform's {@link ErrorDecoder} makes of one attempt; the attempt loop acts on it.
 *
 * @param <T> what a successful call returns.
 */
public sealed interface Verdict<T> {

	/** The outcome tag of a success. */
	String SUCCESS = "success";

	/** The outcome tag of an attempt that is repeated. */
	String RETRIED = "retried";

	/**
	 * @return the outcome tag recorded for the attempt, unless the loop decides otherwise.
	 */
	String outcome();

	/**
	 * The call succeeded.
	 *
	 * @param value what the call returns.
	 * @param outcome {@value #SUCCESS}, or a platform's name for a failure it tolerates.
	 */
	record Success<T>(T value, String outcome) implements Verdict<T> {}

	/**
	 * Passing trouble (throughput limits, 429, 5xx, no answer): repeated after the backoff, or at least the
	 * {@code retryAfter}, until the attempts are spent or the platform asks for a wait too long to spend in place.
	 *
	 * @param problem what happened, for logs; never a secret or message text.
	 * @param retryAfter how long the platform asked to wait, if it did.
	 * @param handBack builds the platform's typed failure when the loop gives the call back to the caller.
	 */
	record Retry<T>(String problem, @Nullable Duration retryAfter, Function<HandBack, RuntimeException> handBack)
			implements Verdict<T> {

		@Override
		public String outcome() {
			return RETRIED;
		}
	}

	/**
	 * Repeat at once, without backoff and without counting a failed attempt, because the client fixed what was wrong
	 * (a refreshed token); the client's rule must make sure this happens a bounded number of times.
	 *
	 * @param problem what happened, for logs.
	 */
	record Repeat<T>(String problem) implements Verdict<T> {

		@Override
		public String outcome() {
			return RETRIED;
		}
	}

	/**
	 * The platform refused the call for good: the failure is thrown at once, never repeated.
	 *
	 * @param failure the platform's typed failure.
	 * @param outcome the outcome tag.
	 */
	record GiveUp<T>(RuntimeException failure, String outcome) implements Verdict<T> {}
}
