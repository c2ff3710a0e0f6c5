package io.switchboard.whatsapp;

import org.jspecify.annotations.Nullable;

/**
 * A webhook body that is not a JSON object. Anything that is a JSON object parses; this is the one refusal.
 */
public final class MalformedWebhook extends RuntimeException {

	public MalformedWebhook(String message, @Nullable Throwable cause) {
		super(message, cause);
	}
}
