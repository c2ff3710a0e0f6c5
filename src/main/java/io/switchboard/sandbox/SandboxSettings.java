package io.switchboard.sandbox;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sandbox ({@code switchboard.sandbox.*}).
 *
 * @param enabled whether the simulators, the sandbox tenant and the pages exist at all ({@link SandboxConfiguration});
 *        off unless asked for, on in the {@code sandbox} profile that {@code ./mvnw spring-boot:run} activates.
 * @param publicUrl where browsers and the simulators reach this application; {@code http://localhost:<server.port>}
 *        if not set (see {@link SandboxUrls}).
 * @param genesysTokenLifetime how long the simulated Genesys Cloud OAuth tokens live; 24 hours, Genesys's default,
 *        if not set.
 * @param metaEnforceWindow whether the simulated Graph API refuses free-form sends (131047) to customers who have not
 *        written within 24 hours; off by default. Can be switched at run time through the Meta control API.
 * @param metaAutoRead whether the simulated customer reads every delivered message by itself, about 600 ms after
 *        {@code delivered}; off by default (the customer page reads what it shows). Switchable at run time.
 * @param genesysWebhookRetryInterval how long the simulated Genesys Cloud waits before repeating an outbound webhook
 *        the application answered with 429 or 5xx or did not answer in time; 5 seconds, as Genesys, if not set.
 * @param genesysWebhookRetries how many times it repeats such a webhook; 5, as Genesys, if not set.
 * @param metaMediaUrlLifetime how long the download URLs the simulated Graph API hands out for media ids work;
 *        5 minutes, as Meta's, if not set. The Meta control API can expire every issued URL at once.
 */
@ConfigurationProperties("switchboard.sandbox")
public record SandboxSettings(boolean enabled, @Nullable URI publicUrl, Duration genesysTokenLifetime,
		boolean metaEnforceWindow, boolean metaAutoRead, Duration genesysWebhookRetryInterval,
		Integer genesysWebhookRetries, Duration metaMediaUrlLifetime) {

	static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(24);
	static final Duration DEFAULT_WEBHOOK_RETRY_INTERVAL = Duration.ofSeconds(5);
	static final int DEFAULT_WEBHOOK_RETRIES = 5;
	static final Duration DEFAULT_MEDIA_URL_LIFETIME = Duration.ofMinutes(5);

	public SandboxSettings {
		genesysTokenLifetime = genesysTokenLifetime == null ? DEFAULT_TOKEN_LIFETIME : genesysTokenLifetime;
		if (genesysTokenLifetime.isNegative() || genesysTokenLifetime.isZero()) {
			throw new IllegalArgumentException("switchboard.sandbox.genesys-token-lifetime must be positive");
		}
		genesysWebhookRetryInterval = genesysWebhookRetryInterval == null ? DEFAULT_WEBHOOK_RETRY_INTERVAL
				: genesysWebhookRetryInterval;
		if (genesysWebhookRetryInterval.isNegative()) {
			throw new IllegalArgumentException(
					"switchboard.sandbox.genesys-webhook-retry-interval must not be negative");
		}
		genesysWebhookRetries = genesysWebhookRetries == null ? Integer.valueOf(DEFAULT_WEBHOOK_RETRIES)
				: genesysWebhookRetries;
		if (genesysWebhookRetries < 0 || genesysWebhookRetries > 20) {
			throw new IllegalArgumentException("switchboard.sandbox.genesys-webhook-retries must be between 0 and 20");
		}
		metaMediaUrlLifetime = metaMediaUrlLifetime == null ? DEFAULT_MEDIA_URL_LIFETIME : metaMediaUrlLifetime;
		if (metaMediaUrlLifetime.isNegative() || metaMediaUrlLifetime.isZero()) {
			throw new IllegalArgumentException("switchboard.sandbox.meta-media-url-lifetime must be positive");
		}
	}

	/**
	 * Settings with every optional value at its default, for tests.
	 */
	public static SandboxSettings defaults(@Nullable URI publicUrl) {
		return new SandboxSettings(true, publicUrl, null, false, false, null, null, null);
	}
}
