package io.switchboard.conversation;

import java.util.Objects;

/**
 * The id a customer is known by towards the contact center: their WhatsApp phone number (wa_id digits) or, for a
 * customer who hides their number, their business-scoped user id (BSUID). The first identity under which a customer
 * reached the contact center stays theirs.
 *
 * @param value the wa_id digits or the BSUID.
 * @param kind which of the two it is.
 */
public record CustomerId(String value, Kind kind) {

	public enum Kind {
		PHONE, BSUID
	}

	public CustomerId {
		Objects.requireNonNull(value, "customer id must not be null");
		Objects.requireNonNull(kind, "customer id kind must not be null");
	}

	public static CustomerId phone(String waId) {
		return new CustomerId(waId, Kind.PHONE);
	}

	public static CustomerId bsuid(String userId) {
		return new CustomerId(userId, Kind.BSUID);
	}

	/**
	 * Reads a customer id back from its value: wa_ids are digits, BSUIDs ({@code CC.<alphanumerics>}) are not.
	 */
	public static CustomerId of(String value) {
		return value.chars().allMatch(Character::isDigit) ? phone(value) : bsuid(value);
	}
}
