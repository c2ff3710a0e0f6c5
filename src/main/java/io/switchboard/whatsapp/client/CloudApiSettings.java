package io.switchboard.whatsapp.client;

import io.switchboard.platform.http.Backoff;
import io.switchboard.platform.http.HttpSettings;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Calls to the WhatsApp Cloud API ({@code switchboard.whatsapp.client}).
 *
 * @param connectTimeout how long to wait for a connection.
 * @param requestTimeout how long to wait for an answer to one request.
 * @param maxAttempts requests per send before throughput or transient trouble is handed back as
 *        {@code RETRY_LATER}.
 * @param initialBackoff the first retry delay; doubles per attempt, fully jittered.
 * @param maxBackoff the longest retry delay, and the longest {@code Retry-After} waited for in place.
 * @param pairRateBackoff how long a customer is left alone after WhatsApp's pair rate limit (131056) refused a
 *        message to them; at least the 6 s WhatsApp asks for. Repeated refusals back off 4 times longer each, up to
 *        16 times this.
 * @param pairSpacing the least time between two messages to one customer; zero (the default) leaves it off, as
 *        agents answer in short bursts WhatsApp accepts (it lends up to 45 messages in 6 s against future quota), and
 *        spacing every reply 6 s apart would hold back multi-part answers for no gain.
 */
@ConfigurationProperties("switchboard.whatsapp.client")
record CloudApiSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration initialBackoff,
		Duration maxBackoff, Duration pairRateBackoff, Duration pairSpacing) {

	/** What WhatsApp asks for between messages to one customer once the pair rate limit is hit. */
	static final Duration MIN_PAIR_RATE_BACKOFF = Duration.ofSeconds(6);

	CloudApiSettings {
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
		requestTimeout = requestTimeout == null ? Duration.ofSeconds(15) : requestTimeout;
		maxAttempts = maxAttempts <= 0 ? 4 : maxAttempts;
		initialBackoff = initialBackoff == null ? Duration.ofMillis(250) : initialBackoff;
		maxBackoff = maxBackoff == null ? Duration.ofSeconds(4) : maxBackoff;
		pairRateBackoff = pairRateBackoff == null || pairRateBackoff.compareTo(MIN_PAIR_RATE_BACKOFF) < 0
				? MIN_PAIR_RATE_BACKOFF : pairRateBackoff;
		pairSpacing = pairSpacing == null || pairSpacing.isNegative() ? Duration.ZERO : pairSpacing;
	}

	/**
	 * @return the settings of the HTTP core: a {@code Retry-After} longer than {@link #maxBackoff()} is handed back.
	 */
	HttpSettings http() {
		return new HttpSettings(connectTimeout, requestTimeout, maxAttempts, new Backoff(initialBackoff, maxBackoff),
				maxBackoff);
	}
}
