package io.switchboard.platform.http;

import java.io.IOException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One platform's reading of its answers: each attempt becomes a {@link Verdict}, the platform's own errors become its
 * typed failures. The attempt loop decides nothing a decoder can see in an answer.
 *
 * @param <T> what a successful call returns.
 */
public interface ErrorDecoder<T> {

	/**
	 * @param answer any answer, successful or not.
	 * @return what to do with it.
	 */
	Verdict<T> decode(Answer answer);

	/**
	 * @param failure why the platform did not answer (connection refused, time-out, broken connection).
	 * @return what to do about it; usually a {@link Verdict.Retry}.
	 */
	Verdict<T> unanswered(IOException failure);

	/**
	 * The request of an attempt could not be built (a token could not be obtained). Rethrows by default.
	 *
	 * @param failure what building the request threw.
	 * @return what to do about it.
	 */
	default Verdict<T> notSent(RuntimeException failure) {
		throw failure;
	}

	/**
	 * @param wait the wait that was interrupted, if the thread was interrupted while waiting to repeat.
	 * @return the platform's failure for a call whose thread was interrupted.
	 */
	RuntimeException interrupted(@Nullable Duration wait);
}
