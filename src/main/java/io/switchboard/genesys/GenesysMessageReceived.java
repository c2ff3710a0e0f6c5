package io.switchboard.genesys;

import java.time.Instant;
import java.util.Objects;

/**
 * A message Genesys posted to the outbound webhook, accepted and handed on for relaying to the customer.
 *
 * @param tenantId the tenant the integration belongs to; must not be {@literal null}.
 * @param message the message; must not be {@literal null}.
 * @param receivedAt when Switchboard accepted the webhook; must not be {@literal null}.
 */
public record GenesysMessageReceived(String tenantId, GenesysOutboundMessage message, Instant receivedAt) {

	public GenesysMessageReceived {
		Objects.requireNonNull(tenantId, "tenant id must not be null");
		Objects.requireNonNull(message, "message must not be null");
		Objects.requireNonNull(receivedAt, "received at must not be null");
	}

	/**
	 * A message accepted now.
	 */
	public GenesysMessageReceived(String tenantId, GenesysOutboundMessage message) {
		this(tenantId, message, Instant.now());
	}
}
