package io.switchboard.whatsapp.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The WhatsApp webhook endpoint ({@code switchboard.whatsapp.webhook}).
 *
 * @param maxBodySize the largest body accepted; Meta sends up to 3 MB.
 */
@ConfigurationProperties("switchboard.whatsapp.webhook")
record WhatsAppWebhookSettings(DataSize maxBodySize) {

	WhatsAppWebhookSettings {
		maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(3) : maxBodySize;
	}
}
