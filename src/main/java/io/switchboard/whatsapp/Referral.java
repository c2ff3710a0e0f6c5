package io.switchboard.whatsapp;

import org.jspecify.annotations.Nullable;

/**
 * The click-to-WhatsApp ad or post a customer came from ({@code messages[].referral}).
 *
 * @param sourceType {@code ad} or {@code post}.
 * @param mediaType {@code image} or {@code video}.
 * @param ctwaClid the click id, for ad attribution.
 * @param welcomeMessageText {@code welcome_message.text}.
 */
public record Referral(@Nullable String sourceUrl, @Nullable String sourceId, @Nullable String sourceType,
		@Nullable String headline, @Nullable String body, @Nullable String mediaType, @Nullable String imageUrl,
		@Nullable String videoUrl, @Nullable String thumbnailUrl, @Nullable String ctwaClid,
		@Nullable String welcomeMessageText) {}
