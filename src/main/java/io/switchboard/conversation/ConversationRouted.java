package io.switchboard.conversation;

/**
 * A customer's first message to a channel account opened a conversation, routed to the account's default
 * destination.
 */
public record ConversationRouted(ConversationId conversation, String tenantId, String channelAccount,
		CustomerId customer, String destination) {}
