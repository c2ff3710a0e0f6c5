package io.switchboard.whatsapp;

import java.time.Instant;
import java.util.Objects;

/**
 * A delivery update accepted from a webhook, handed on to update the message ledger and Genesys.
 *
 * @param tenantId the tenant the business number belongs to; must not be {@literal null}.
 * @param metadata the business number the message was sent from; must not be {@literal null}.
 * @param status the update; must not be {@literal null}.
 * @param receivedAt when Switchboard accepted the webhook; must not be {@literal null}.
 */
public record WhatsAppStatusReceived(String tenantId, Metadata metadata, WhatsAppStatus status, Instant receivedAt) {

	public WhatsAppStatusReceived {
		Objects.requireNonNull(tenantId, "tenant id must not be null");
		Objects.requireNonNull(metadata, "metadata must not be null");
		Objects.requireNonNull(status, "status must not be null");
		Objects.requireNonNull(receivedAt, "received at must not be null");
	}

	/**
	 * A delivery update accepted now.
	 */
	public WhatsAppStatusReceived(String tenantId, Metadata metadata, WhatsAppStatus status) {
		this(tenantId, metadata, status, Instant.now());
	}
}
