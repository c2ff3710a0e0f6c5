package io.switchboard.genesys.client;

import io.switchboard.platform.http.Backoff;
import io.switchboard.platform.http.HttpSettings;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Calls to Genesys Cloud's Platform API ({@code switchboard.genesys}).
 *
 * @param connectTimeout how long to wait for a connection.
 * @param requestTimeout how long to wait for an answer to one request.
 * @param maxAttempts requests per call before a 429, 5xx or network failure is given up as unavailable.
 * @param initialBackoff the first retry delay after a 5xx or network failure; doubles per attempt, fully jittered.
 * @param maxBackoff the longest retry delay after a 5xx or network failure.
 * @param maxRetryAfterWait the longest {@code Retry-After} waited for in place; a longer one is handed to the caller.
 */
@ConfigurationProperties("switchboard.genesys")
record GenesysClientSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts,
		Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfterWait) {

	GenesysClientSettings {
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
		requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
		maxAttempts = maxAttempts <= 0 ? 4 : maxAttempts;
		initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
		maxBackoff = maxBackoff == null ? Duration.ofSeconds(5) : maxBackoff;
		maxRetryAfterWait = maxRetryAfterWait == null ? Duration.ofSeconds(30) : maxRetryAfterWait;
	}

	/**
	 * @return the settings of the HTTP core.
	 */
	HttpSettings http() {
		return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, new Backoff(initialBackoff, maxBackoff),
				maxRetryAfterWait);
	}
}
