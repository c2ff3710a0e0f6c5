package io.switchboard.media.fetch;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the attachment fetcher ({@code switchboard.media.fetch.*}).
 *
 * @param connectTimeout how long connecting to the attachment's server may take; 5 seconds if not set.
 * @param readTimeout how long the server may stay silent, before its answer and between two reads of the body; 30
 *        seconds if not set. A slow but steady download is not cut off.
 * @param maxRedirects how many redirects are followed, each checked like the first URL; 5 if not set, at most 10.
 */
@ConfigurationProperties("switchboard.media.fetch")
record FetchSettings(Duration connectTimeout, Duration readTimeout, Integer maxRedirects) {

	FetchSettings {
		connectTimeout = positive(connectTimeout, Duration.ofSeconds(5), "connect-timeout");
		readTimeout = positive(readTimeout, Duration.ofSeconds(30), "read-timeout");
		maxRedirects = maxRedirects == null ? Integer.valueOf(5) : maxRedirects;
		if (maxRedirects < 0 || maxRedirects > 10) {
			throw new IllegalArgumentException("switchboard.media.fetch.max-redirects must be between 0 and 10");
		}
	}

	/**
	 * @return every setting at its default.
	 */
	static FetchSettings defaults() {
		return new FetchSettings(null, null, null);
	}

	private static Duration positive(@Nullable Duration value, Duration fallback, String name) {
		Duration duration = value == null ? fallback : value;
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("switchboard.media.fetch." + name + " must be positive");
		}
		return duration;
	}
}
