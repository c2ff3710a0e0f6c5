package io.switchboard.whatsapp;

import io.switchboard.conversation.FailureReason;

/**
 * What WhatsApp's error codes mean in Switchboard's terms, for refused sends and for {@code failed} statuses alike.
 * Pure functions.
 */
public final class WhatsAppFailures {

	private WhatsAppFailures() {}

	/**
	 * @param metaCode a WhatsApp (Graph API) error code.
	 * @return the neutral reason; {@link FailureReason#OTHER} for codes without a closer one.
	 */
	public static FailureReason reason(int metaCode) {
		if (metaCode >= 132000 && metaCode <= 132016) {
			return FailureReason.INVALID_CONTENT;
		}
		return switch (metaCode) {
			case 131047 -> FailureReason.SERVICE_WINDOW_CLOSED;
			case 130429, 131056, 131048, 4, 80007 -> FailureReason.RATE_LIMITED;
			case 131026, 131021, 131030 -> FailureReason.RECIPIENT_UNREACHABLE;
			case 131050 -> FailureReason.RECIPIENT_OPTED_OUT;
			case 131049 -> FailureReason.NOT_ALLOWED;
			case 131051 -> FailureReason.UNSUPPORTED_CONTENT;
			case 100, 131008, 131009 -> FailureReason.INVALID_CONTENT;
			default -> FailureReason.OTHER;
		};
	}
}
