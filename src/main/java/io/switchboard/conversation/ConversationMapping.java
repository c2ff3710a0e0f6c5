package io.switchboard.conversation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A customer of a tenant and the Genesys conversation they are in.
 *
 * @param tenantId the tenant.
 * @param customer the customer's id towards Genesys.
 * @param conversationId the Genesys conversation, once Genesys told.
 * @param contactName the name the customer gave on WhatsApp.
 * @param createdAt when the customer first wrote.
 * @param lastActivityAt the last message either way.
 * @param lastInboundAt the customer's last message: WhatsApp's 24-hour service window runs from it.
 */
public record ConversationMapping(String tenantId, CustomerId customer, @Nullable String conversationId,
		@Nullable String contactName, Instant createdAt, Instant lastActivityAt, @Nullable Instant lastInboundAt) {}
