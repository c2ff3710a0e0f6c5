package io.switchboard.conversation;

/**
 * A conversation was handed to another destination (a bot hand-off, a desk claim); its later messages go there.
 */
public record ConversationReassigned(ConversationId conversation, String tenantId, String from, String to) {}
