package io.switchboard.whatsapp;

import org.jspecify.annotations.Nullable;

/**
 * WhatsApp accepted a message for delivery (delivery itself is reported later by status webhooks).
 *
 * @param wamid the message's id.
 * @param waId the recipient's normalised wa_id, when WhatsApp returned one.
 * @param messageStatus {@code accepted}, {@code held_for_quality_assessment} or {@code paused}, on template sends.
 */
public record WhatsAppSendAccepted(String wamid, @Nullable String waId, @Nullable String messageStatus) {}
