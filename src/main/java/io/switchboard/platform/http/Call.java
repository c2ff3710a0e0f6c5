package io.switchboard.platform.http;

import java.net.http.HttpRequest;

/**
 * One call to a platform, made by {@link PlatformHttp#call(Call)}.
 *
 * @param operation names the call in metrics ({@code operation} tag) and logs.
 * @param subject whom the call is for in logs (for example {@code "tenant acme"}); never a secret.
 * @param request builds the request of each attempt (from 1), without its time-out, which the core sets; it is asked
 *        again for every attempt so that it may carry a refreshed token.
 * @param decoder the platform's reading of the answers.
 * @param gate what each attempt waits for before it starts.
 * @param <T> what a successful call returns.
 */
public record Call<T>(String operation, String subject, RequestFactory request, ErrorDecoder<T> decoder,
		AttemptGate gate) {

	/**
	 * A call whose attempts wait for nothing.
	 */
	public static <T> Call<T> of(String operation, String subject, RequestFactory request, ErrorDecoder<T> decoder) {
		return new Call<>(operation, subject, request, decoder, AttemptGate.OPEN);
	}

	/**
	 * @return this call with each attempt waiting at the given gate.
	 */
	public Call<T> gatedBy(AttemptGate gate) {
		return new Call<>(operation, subject, request, decoder, gate);
	}

	/**
	 * Builds the request of one attempt.
	 */
	@FunctionalInterface
	public interface RequestFactory {

		/**
		 * @param attempt the attempt, from 1.
		 * @return the request, without a time-out.
		 */
		HttpRequest.Builder create(int attempt);
	}
}
