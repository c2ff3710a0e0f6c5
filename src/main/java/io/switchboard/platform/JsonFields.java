package io.switchboard.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * How Switchboard reads JSON. Every mapper is {@linkplain #strict(JsonMapper.Builder) strict}: an object that gives a
 * key twice is refused instead of its last value winning, so that a body cannot mean one thing to Switchboard and
 * another to whoever else reads it. Within a document, reading is tolerant of what the platforms send: absent,
 * mistyped or unparsable values read as absent instead of failing, because Meta and Genesys add and change fields
 * without notice.
 */
public final class JsonFields {

	private static final JsonMapper MAPPER = strict(JsonMapper.builder()).build();

	private JsonFields() {}

	/**
	 * The one way a JSON mapper is configured: {@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}, so that a key
	 * given twice in one object fails the read. Spring's mapper is built with it (see {@link JsonConfiguration}), and
	 * so is {@link #mapper()}.
	 */
	public static JsonMapper.Builder strict(JsonMapper.Builder builder) {
		return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

	/**
	 * @return the shared strict mapper, for code that reads JSON outside Spring's beans (the webhook parsers).
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Reads a document strictly.
	 *
	 * @throws DuplicateJsonKey if the document is JSON but an object in it gives a key twice.
	 * @throws JacksonException if it is not JSON.
	 */
	public static JsonNode readStrictly(byte[] document) {
		try {
			return MAPPER.readTree(document);
		}
		catch (JacksonException e) {
			if (readsWithDuplicates(document)) {
				throw new DuplicateJsonKey();
			}
			throw e;
		}
	}

	/**
	 * A token parser over a webhook body before its signature is checked, which reads every value of a key given
	 * twice instead of failing: for the signature scans only, which must see every addressee a body names. Once
	 * verified, the body is read {@linkplain #readStrictly(byte[]) strictly}, which refuses it.
	 */
	public static JsonParser scanner(byte[] body) {
		return MAPPER.reader().without(StreamReadFeature.STRICT_DUPLICATE_DETECTION).createParser(body);
	}

	/**
	 * @return the document, or a {@link MissingNode} for an empty or unparsable body.
	 */
	public static JsonNode readTolerantly(JsonMapper json, byte[] body) {
		if (body.length == 0) {
			return MissingNode.getInstance();
		}
		try {
			return json.readTree(body);
		}
		catch (JacksonException e) {
			return MissingNode.getInstance();
		}
	}

	/**
	 * @return the field as text: a string as is, a number or boolean written out, anything else {@literal null}.
	 */
	public static @Nullable String string(JsonNode parent, String name) {
		JsonNode value = parent.path(name);
		if (value.isString()) {
			return value.stringValue();
		}
		return value.isNumber() || value.isBoolean() ? value.asString() : null;
	}

	/**
	 * @return the field if it is a string that is not blank, else {@literal null}.
	 */
	public static @Nullable String nonBlank(JsonNode parent, String name) {
		JsonNode value = parent.path(name);
		return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
	}

	/**
	 * @return whether the field is {@literal true} or {@code "true"}.
	 */
	public static boolean flag(JsonNode parent, String name) {
		JsonNode value = parent.path(name);
		return value.isBoolean() ? value.booleanValue() : value.isString() && "true".equals(value.stringValue());
	}

	/**
	 * @return the objects of an array field read with {@code reader}; other items are skipped, a missing array is
	 *         empty.
	 */
	public static <T> List<T> objects(JsonNode parent, String name, Function<JsonNode, T> reader) {
		JsonNode array = parent.path(name);
		if (!array.isArray() || array.isEmpty()) {
			return List.of();
		}
		List<T> items = new ArrayList<>(array.size());
		for (JsonNode item : array) {
			if (item.isObject()) {
				items.add(reader.apply(item));
			}
		}
		return items;
	}

	/**
	 * @return an integral number, or a string holding one; else {@literal null}.
	 */
	public static @Nullable Long longValue(JsonNode value) {
		if (value.isIntegralNumber()) {
			return value.numberValue().longValue();
		}
		return parsed(value, Long::valueOf);
	}

	/**
	 * @return a number, or a string holding one; else {@literal null}.
	 */
	public static @Nullable Double doubleValue(JsonNode value) {
		if (value.isNumber()) {
			return value.numberValue().doubleValue();
		}
		return parsed(value, Double::valueOf);
	}

	private static boolean readsWithDuplicates(byte[] document) {
		try {
			MAPPER.reader().without(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(document);
			return true;
		}
		catch (JacksonException e) {
			return false;
		}
	}

	private static <T> @Nullable T parsed(JsonNode value, Function<String, T> parser) {
		if (!value.isString()) {
			return null;
		}
		try {
			return parser.apply(value.stringValue().strip());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}
}
