package io.switchboard.genesys;

import org.jspecify.annotations.Nullable;

/**
 * Genesys accepted a message.
 *
 * @param messageId Genesys's id of the message (not a conversation id).
 * @param conversationId the conversation it joined, when Genesys told (it does with {@code prefetchConversationId}).
 */
public record GenesysMessageAccepted(String messageId, @Nullable String conversationId) {}
