package io.switchboard.tenant;

import io.switchboard.platform.Secret;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's WhatsApp Business number on the Cloud API.
 *
 * @param phoneNumberId the number's id; webhooks are routed by it.
 * @param displayPhoneNumber the number as customers see it.
 * @param wabaId the WhatsApp Business Account the number belongs to.
 * @param accessToken the system user token used to call the Graph API.
 * @param appSecret the Meta app secret webhooks are signed with.
 * @param verifyToken the token Meta presents in the verification handshake.
 * @param graphBaseUrl where the Graph API lives, {@code https://graph.facebook.com} unless pointed at a sandbox.
 * @param graphVersion the pinned Graph API version, e.g. {@code v23.0}.
 * @param messagesPerSecond the number's send throughput limit.
 */
public record WhatsAppAccount(String phoneNumberId, @Nullable String displayPhoneNumber, @Nullable String wabaId,
		Secret accessToken, Secret appSecret, Secret verifyToken, URI graphBaseUrl, String graphVersion,
		int messagesPerSecond) {

	public static final URI GRAPH = URI.create("https://graph.facebook.com");
	public static final String DEFAULT_VERSION = "v23.0";

	public WhatsAppAccount {
		Objects.requireNonNull(phoneNumberId, "whatsapp.phone-number-id is required");
		Objects.requireNonNull(accessToken, "whatsapp.access-token is required");
		Objects.requireNonNull(appSecret, "whatsapp.app-secret is required");
		Objects.requireNonNull(verifyToken, "whatsapp.verify-token is required");
		if (appSecret.isBlank()) {
			throw new IllegalArgumentException("whatsapp.app-secret must not be blank");
		}
		graphBaseUrl = graphBaseUrl == null ? GRAPH : graphBaseUrl;
		graphVersion = graphVersion == null || graphVersion.isBlank() ? DEFAULT_VERSION : graphVersion;
		messagesPerSecond = messagesPerSecond <= 0 ? 80 : messagesPerSecond;
	}

	/**
	 * @return this account as seen from another of its numbers: same WhatsApp Business Account, token and secrets.
	 */
	public WhatsAppAccount withNumber(String otherPhoneNumberId, @Nullable String otherDisplayPhoneNumber) {
		return new WhatsAppAccount(otherPhoneNumberId, otherDisplayPhoneNumber, wabaId, accessToken, appSecret,
				verifyToken, graphBaseUrl, graphVersion, messagesPerSecond);
	}
}
