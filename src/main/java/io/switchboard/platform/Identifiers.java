package io.switchboard.platform;

import org.jspecify.annotations.Nullable;

/**
 * The bound on every identifier Switchboard takes from outside and stores or indexes: wamids, wa_ids and BSUIDs,
 * recipient ids, Genesys message, conversation, channel and integration ids, {@code phone_number_id}s and the REST
 * API's ids. Each is checked where it comes in (a webhook item or an API field), so that no id can reach an index
 * whose row it would not fit; a longer one is refused as invalid input, never answered with a server error.
 */
public final class Identifiers {

	/** The most characters an identifier from outside may have. */
	public static final int MAX_LENGTH = 256;

	private Identifiers() {}

	/**
	 * @return whether {@code id} is present (not blank) and at most {@link #MAX_LENGTH} characters.
	 */
	public static boolean isValid(@Nullable String id) {
		return id != null && !id.isBlank() && id.length() <= MAX_LENGTH;
	}

	/**
	 * @param field how the id is named to the sender, e.g. {@code messages[].id}.
	 * @return what is wrong with a required id ({@code "<field> is missing"} or
	 *         {@code "<field> is longer than 256 characters"}), or {@literal null}; never the id itself.
	 */
	public static @Nullable String required(@Nullable String id, String field) {
		if (id == null || id.isBlank()) {
			return field + " is missing";
		}
		return tooLong(id, field);
	}

	/**
	 * @return what is wrong with an optional id (only its length), or {@literal null}.
	 */
	public static @Nullable String tooLong(@Nullable String id, String field) {
		return id != null && id.length() > MAX_LENGTH ? field + " is longer than " + MAX_LENGTH + " characters" : null;
	}
}
