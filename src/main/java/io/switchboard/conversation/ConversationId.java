package io.switchboard.conversation;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/**
 * Switchboard's id of a {@link Conversation}.
 */
public record ConversationId(@JsonValue UUID value) {

	public ConversationId {
		Objects.requireNonNull(value, "conversation id must not be null");
	}

	/**
	 * @throws IllegalArgumentException when {@code value} is not a UUID.
	 */
	public static ConversationId of(String value) {
		return new ConversationId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
