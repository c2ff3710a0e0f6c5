package io.switchboard.platform.http;

import java.time.Duration;

/**
 * How {@link PlatformHttp} calls one platform. Each client binds its own configuration keys and hands them over.
 *
 * @param connectTimeout how long to wait for a connection.
 * @param requestTimeout how long to wait for the answer to one attempt.
 * @param maxAttempts attempts per call before passing trouble is handed back; {@literal 1} never repeats.
 * @param backoff the delay between attempts.
 * @param maxRetryAfterWait the longest {@code Retry-After} waited for in place; a longer one is handed back at once.
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Backoff backoff,
		Duration maxRetryAfterWait) {

	/**
	 * @param maxAttempts at least one.
	 */
	public HttpSettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
	}

	/**
	 * Settings for calls made once, never repeated in place.
	 */
	public static HttpSettings once(Duration connectTimeout, Duration requestTimeout) {
		return new HttpSettings(connectTimeout, requestTimeout, 1, new Backoff(Duration.ZERO, Duration.ZERO),
				Duration.ZERO);
	}
}
