package io.switchboard.genesys;

import org.jspecify.annotations.Nullable;

/**
 * A Genesys outbound webhook body that is not a JSON object. Anything that is a JSON object parses; this is the one
 * refusal.
 */
public final class MalformedGenesysWebhook extends RuntimeException {

	public MalformedGenesysWebhook(String message, @Nullable Throwable cause) {
		super(message, cause);
	}
}
