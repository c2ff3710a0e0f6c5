package io.switchboard.whatsapp;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A customer's message accepted from a webhook, handed on for relaying.
 *
 * @param tenantId the tenant the business number belongs to; must not be {@literal null}.
 * @param metadata the business number it was sent to; must not be {@literal null}.
 * @param sender the sender's profile, if the webhook carried one.
 * @param message the message; must not be {@literal null}.
 * @param receivedAt when Switchboard accepted the webhook; must not be {@literal null}.
 */
public record WhatsAppMessageReceived(String tenantId, Metadata metadata, @Nullable SenderProfile sender,
		InboundMessage message, Instant receivedAt) {

	public WhatsAppMessageReceived {
		Objects.requireNonNull(tenantId, "tenant id must not be null");
		Objects.requireNonNull(metadata, "metadata must not be null");
		Objects.requireNonNull(message, "message must not be null");
		Objects.requireNonNull(receivedAt, "received at must not be null");
	}

	/**
	 * A message accepted now.
	 */
	public WhatsAppMessageReceived(String tenantId, Metadata metadata, @Nullable SenderProfile sender,
			InboundMessage message) {
		this(tenantId, metadata, sender, message, Instant.now());
	}
}
