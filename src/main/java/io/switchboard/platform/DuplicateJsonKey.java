package io.switchboard.platform;

/**
 * A JSON document in which an object gives a key twice: refused, because parsers disagree about what it means (the
 * first value, the last, or an error). See {@link JsonFields#strict(tools.jackson.databind.json.JsonMapper.Builder)}.
 */
public final class DuplicateJsonKey extends RuntimeException {

	DuplicateJsonKey() {
		super("an object gives a key twice", null, false, false);
	}
}
