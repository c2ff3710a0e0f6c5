package io.switchboard.platform.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A platform's answer to one attempt.
 *
 * @param status the HTTP status.
 * @param headers the answer's headers.
 * @param body the answer's body, empty when there was none.
 * @param receivedAt when it arrived, to read an HTTP-date {@code Retry-After} against.
 */
public record Answer(int status, HttpHeaders headers, byte[] body, Instant receivedAt) {

	/**
	 * @return whether the status is 2xx.
	 */
	public boolean successful() {
		return status / 100 == 2;
	}

	/**
	 * @return the first value of the header, if the answer carried it.
	 */
	public @Nullable String header(String name) {
		return headers.firstValue(name).orElse(null);
	}

	/**
	 * @return the {@code Retry-After} the answer carried, in either form; {@literal null} when it carried none or an
	 *         unusable one.
	 * @see RetryAfter#parse(String, Instant)
	 */
	public @Nullable Duration retryAfter() {
		return RetryAfter.parse(header(RetryAfter.HEADER), receivedAt);
	}
}
