package io.switchboard.platform.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What the webhook endpoints let into memory at once ({@code switchboard.webhooks}).
 *
 * @param maxInFlightBytes the bodies of all webhooks being read, verified and stored at once may take this much
 *        together; a request beyond it is answered 503 with {@code Retry-After} before its body is read. 64 MB by
 *        default, sized for a 256–512 MiB heap.
 * @param bodyReadTimeout how long one body may take to arrive in full; a slower one is answered 408.
 * @param retryAfter what a 503 tells the sender to wait.
 */
@ConfigurationProperties("switchboard.webhooks")
public record WebhookLimits(DataSize maxInFlightBytes, Duration bodyReadTimeout, Duration retryAfter) {

	public WebhookLimits {
		maxInFlightBytes = maxInFlightBytes == null ? DataSize.ofMegabytes(64) : maxInFlightBytes;
		bodyReadTimeout = bodyReadTimeout == null ? Duration.ofSeconds(30) : bodyReadTimeout;
		retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
		if (maxInFlightBytes.toKilobytes() < 1 || maxInFlightBytes.toKilobytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("switchboard.webhooks.max-in-flight-bytes must be between 1KB and 2TB");
		}
	}
}
