package io.switchboard.tenant;

import io.switchboard.platform.Secret;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's Genesys Cloud organisation and its Open Messaging integration.
 * <p>
 * Either {@code region} names one of Genesys Cloud's region domains (e.g. {@code mypurecloud.ie}) and the login and
 * API hosts are derived from it, or both base URLs are given explicitly (to point at a sandbox or a proxy).
 *
 * @param region a Genesys Cloud region domain; checked against the allow-list of known regions.
 * @param loginBaseUrl where OAuth tokens are requested ({@code https://login.<region>}).
 * @param apiBaseUrl where the Platform API lives ({@code https://api.<region>}).
 * @param clientId the OAuth client-credentials client.
 * @param clientSecret its secret.
 * @param integrationId the Open Messaging integration.
 * @param webhookSecret the secret Genesys signs outbound webhooks with.
 */
public record GenesysAccount(@Nullable String region, URI loginBaseUrl, URI apiBaseUrl, String clientId,
		Secret clientSecret, String integrationId, Secret webhookSecret) {

	/**
	 * The region domains of Genesys Cloud.
	 */
	public static final Set<String> REGIONS = Set.of("mypurecloud.com", "use2.us-gov-pure.cloud", "usw2.pure.cloud",
			"cac1.pure.cloud", "sae1.pure.cloud", "mypurecloud.ie", "euw2.pure.cloud", "mypurecloud.de",
			"euc2.pure.cloud", "mec1.pure.cloud", "aps1.pure.cloud", "mypurecloud.jp", "apne2.pure.cloud",
			"apne3.pure.cloud", "mypurecloud.com.au");

	public GenesysAccount {
		Objects.requireNonNull(clientId, "genesys.client-id is required");
		Objects.requireNonNull(clientSecret, "genesys.client-secret is required");
		Objects.requireNonNull(integrationId, "genesys.integration-id is required");
		Objects.requireNonNull(webhookSecret, "genesys.webhook-secret is required");
		if (loginBaseUrl == null || apiBaseUrl == null) {
			if (loginBaseUrl != null || apiBaseUrl != null) {
				throw new IllegalArgumentException("genesys.login-base-url and genesys.api-base-url go together");
			}
			if (region == null || !REGIONS.contains(region)) {
				throw new IllegalArgumentException("genesys.region must be one of " + REGIONS
						+ " (or give explicit base URLs), was: " + region);
			}
			loginBaseUrl = URI.create("https://login." + region);
			apiBaseUrl = URI.create("https://api." + region);
		}
	}
}
