package io.switchboard.whatsapp;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules of the WhatsApp channel ({@code switchboard.whatsapp}).
 *
 * @param serviceWindow how long after a customer's last message free-form messages may be sent to them: WhatsApp's
 *        customer service window, 24 hours if not set.
 */
@ConfigurationProperties("switchboard.whatsapp")
record WhatsAppChannelSettings(Duration serviceWindow) {

	WhatsAppChannelSettings(@Nullable Duration serviceWindow) {
		this.serviceWindow = serviceWindow == null ? Duration.ofHours(24) : serviceWindow;
	}
}
