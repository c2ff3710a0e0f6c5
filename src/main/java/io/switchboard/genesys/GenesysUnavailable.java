package io.switchboard.genesys;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Genesys could not take a request now (429, 5xx, time-out or connection failure) and the client's own short retries
 * are used up. Worth retrying later, no sooner than {@link #retryAfter()} when Genesys said.
 */
public class GenesysUnavailable extends RuntimeException {

	private final @Nullable Duration retryAfter;

	public GenesysUnavailable(String message, @Nullable Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public @Nullable Duration retryAfter() {
		return retryAfter;
	}
}
