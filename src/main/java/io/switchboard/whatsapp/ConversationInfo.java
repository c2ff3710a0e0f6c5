package io.switchboard.whatsapp;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The conversation window a status belongs to ({@code statuses[].conversation}), a leftover of conversation-based
 * pricing.
 *
 * @param originType {@code origin.type}: {@code service}, {@code utility}, {@code marketing}, ...
 * @param expiresAt {@code expiration_timestamp}, only on the first status of a window.
 */
public record ConversationInfo(@Nullable String id, @Nullable String originType, @Nullable Instant expiresAt) {}
