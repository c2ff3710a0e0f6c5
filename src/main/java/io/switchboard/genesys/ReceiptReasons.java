package io.switchboard.genesys;

import io.switchboard.conversation.FailureReason;

/**
 * The Genesys Open Messaging receipt reason code for each of Switchboard's failure reasons, so that an agent sees
 * why a message did not reach the customer in Genesys's own terms. Pure functions.
 */
public final class ReceiptReasons {

	private ReceiptReasons() {}

	/**
	 * @param reason must not be {@literal null}.
	 * @return the reason code of a {@code Failed} receipt.
	 */
	public static String code(FailureReason reason) {
		return switch (reason) {
			case SERVICE_WINDOW_CLOSED -> "MessageExpired";
			case RATE_LIMITED, GAVE_UP -> "RateLimited";
			case UNKNOWN_RECIPIENT, RECIPIENT_UNREACHABLE -> "InvalidDestination";
			case RECIPIENT_OPTED_OUT -> "RecipientOptedOut";
			case NOT_ALLOWED -> "MessageNotAllowed";
			case UNSUPPORTED_CONTENT -> "UnsupportedMessage";
			case INVALID_CONTENT -> "InvalidMessageStructure";
			case OTHER -> "GeneralError";
		};
	}
}
