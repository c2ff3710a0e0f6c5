package io.switchboard.whatsapp.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The WhatsApp webhook endpoint ({@code switchboard.whatsapp.webhook}).
 *
 * @param maxBodySize the largest body accepted; Meta sends up to 3 MB.
 * @param unaddressedChecks how many distinct app secrets (Meta apps) of the active tenants a notification that
 *        addresses no configured number is checked against, so that one signed by a configured app is acknowledged
 *        and every other one refused like a wrong signature; with more apps than this such a notification is refused
 *        after one HMAC. 4 by default; 0 refuses every notification that addresses no configured number.
 */
@ConfigurationProperties("switchboard.whatsapp.webhook")
record WhatsAppWebhookSettings(DataSize maxBodySize, @DefaultValue("4") int unaddressedChecks) {

	WhatsAppWebhookSettings {
		maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(3) : maxBodySize;
		if (unaddressedChecks < 0) {
			throw new IllegalArgumentException("switchboard.whatsapp.webhook.unaddressed-checks must not be negative");
		}
	}
}
