package io.switchboard.relay;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules of the relay ({@code switchboard.relay}).
 *
 * @param defaultDestination the destination customers' conversations go to (a
 *        {@link io.switchboard.conversation.ConversationDestination#name()}); {@code genesys} if not set.
 */
@ConfigurationProperties("switchboard.relay")
public record RelaySettings(String defaultDestination) {

	public RelaySettings(@Nullable String defaultDestination) {
		this.defaultDestination = defaultDestination == null || defaultDestination.isBlank() ? "genesys"
				: defaultDestination;
	}
}
