package io.switchboard.whatsapp;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A message to send to a customer through the Cloud API.
 *
 * @param to the customer.
 * @param content what it says.
 * @param replyTo the wamid it quotes, if any.
 * @param callbackData echoed back on every status of the message ({@code biz_opaque_callback_data}, at most 512
 *        characters); Switchboard puts the Genesys message id there.
 */
public record OutboundMessage(Recipient to, OutboundContent content, @Nullable String replyTo,
		@Nullable String callbackData) {

	public OutboundMessage {
		Objects.requireNonNull(to, "recipient must not be null");
		Objects.requireNonNull(content, "content must not be null");
		if (callbackData != null && callbackData.length() > 512) {
			throw new IllegalArgumentException("biz_opaque_callback_data takes at most 512 characters");
		}
	}
}
