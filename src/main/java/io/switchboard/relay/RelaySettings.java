package io.switchboard.relay;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules of the relay ({@code switchboard.relay}).
 *
 * @param serviceWindow how long after a customer's last message free-form messages may be sent to them: WhatsApp's
 *        customer service window, 24 hours.
 * @param defaultDestination the destination customers' conversations go to (a
 *        {@link io.switchboard.conversation.ConversationDestination#name()}); {@code genesys} if not set.
 */
@ConfigurationProperties("switchboard.relay")
public record RelaySettings(Duration serviceWindow, String defaultDestination) {

	public RelaySettings(@Nullable Duration serviceWindow, @Nullable String defaultDestination) {
		this.serviceWindow = serviceWindow == null ? Duration.ofHours(24) : serviceWindow;
		this.defaultDestination = defaultDestination == null || defaultDestination.isBlank() ? "genesys"
				: defaultDestination;
	}
}
