package io.switchboard.whatsapp;

import org.jspecify.annotations.Nullable;

/**
 * An error Meta reports in a webhook, on a message, a status or a whole change.
 *
 * @param code Meta's error code; {@code 0} when absent.
 * @param title the short title.
 * @param message the message.
 * @param details {@code error_data.details}, the most specific explanation.
 * @param href a link to Meta's error code documentation.
 */
public record WhatsAppError(int code, @Nullable String title, @Nullable String message, @Nullable String details,
		@Nullable String href) {}
