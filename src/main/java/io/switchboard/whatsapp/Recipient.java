package io.switchboard.whatsapp;

import java.util.Objects;

/**
 * Whom a message is sent to: a WhatsApp number ({@code to}) or, for a customer who hides their number, a
 * business-scoped user id ({@code recipient}).
 *
 * @param id the wa_id digits or the BSUID.
 * @param bsuid whether {@code id} is a BSUID.
 */
public record Recipient(String id, boolean bsuid) {

	public Recipient {
		Objects.requireNonNull(id, "recipient id must not be null");
	}

	public static Recipient phone(String waId) {
		return new Recipient(waId, false);
	}

	public static Recipient bsuid(String userId) {
		return new Recipient(userId, true);
	}
}
