package io.switchboard.relay;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules of the relay ({@code switchboard.relay}).
 *
 * @param serviceWindow how long after a customer's last message free-form messages may be sent to them: WhatsApp's
 *        customer service window, 24 hours.
 */
@ConfigurationProperties("switchboard.relay")
public record RelaySettings(Duration serviceWindow) {

	public RelaySettings {
		serviceWindow = serviceWindow == null ? Duration.ofHours(24) : serviceWindow;
	}
}
