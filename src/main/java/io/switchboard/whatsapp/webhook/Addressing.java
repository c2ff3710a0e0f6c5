package io.switchboard.whatsapp.webhook;

import io.switchboard.platform.JsonFields;
import io.switchboard.whatsapp.MalformedWebhook;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Whom a notification addresses, read from the raw bytes before its signature is checked, so that it can be checked
 * against the addressed tenants' app secrets only: the {@code phone_number_id} of each change
 * ({@code entry[].changes[].value.metadata}), or the entry's WABA id ({@code entry[].id}) for a change without one
 * (account events). A token scan: nothing else is decoded or kept, and a key given twice contributes both
 * values ({@link JsonFields#scanner(byte[])}), so that the scan never addresses fewer tenants than a parser could
 * read; the parse after verification refuses such a body.
 *
 * @param phoneNumberIds the numbers addressed, in the order of the body.
 * @param wabaIds the accounts addressed by changes that name no number.
 */
record Addressing(Set<String> phoneNumberIds, Set<String> wabaIds) {

	/**
	 * @throws MalformedWebhook if the body is not a JSON object.
	 */
	static Addressing scan(byte[] body) {
		Set<String> phones = new LinkedHashSet<>();
		Set<String> wabas = new LinkedHashSet<>();
		try (JsonParser parser = JsonFields.scanner(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new MalformedWebhook("the body is not a JSON object", null);
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("entry".equals(name) && value == JsonToken.START_ARRAY) {
					while (parser.nextToken() != JsonToken.END_ARRAY) {
						entry(parser, phones, wabas);
					}
				}
				else {
					parser.skipChildren();
				}
			}
			if (parser.nextToken() != null) {
				throw new MalformedWebhook("the body has content after its JSON object", null);
			}
		}
		catch (JacksonException e) {
			throw new MalformedWebhook("the body is not valid JSON", e);
		}
		return new Addressing(Collections.unmodifiableSet(phones), Collections.unmodifiableSet(wabas));
	}

	boolean isEmpty() {
		return phoneNumberIds.isEmpty() && wabaIds.isEmpty();
	}

	private static void entry(JsonParser parser, Set<String> phones, Set<String> wabas) {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return;
		}
		Set<String> ids = new LinkedHashSet<>();
		boolean unnumbered = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("id".equals(name) && value.isScalarValue()) {
				ids.add(parser.getString());
			}
			else if ("changes".equals(name) && value == JsonToken.START_ARRAY) {
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					Set<String> numbers = change(parser);
					phones.addAll(numbers);
					unnumbered |= numbers.isEmpty();
				}
			}
			else {
				parser.skipChildren();
			}
		}
		if (unnumbered) {
			wabas.addAll(ids);
		}
	}

	private static Set<String> change(JsonParser parser) {
		Set<String> numbers = new LinkedHashSet<>();
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return numbers;
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("value".equals(name) && value == JsonToken.START_OBJECT) {
				numbers.addAll(within(parser, "metadata"));
			}
			else {
				parser.skipChildren();
			}
		}
		return numbers;
	}

	/**
	 * Reads {@code phone_number_id} of the object the parser is at, or of its child object {@code child}.
	 */
	private static Set<String> within(JsonParser parser, @Nullable String child) {
		Set<String> numbers = new LinkedHashSet<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if (child != null && child.equals(name) && value == JsonToken.START_OBJECT) {
				numbers.addAll(within(parser, null));
			}
			else if (child == null && "phone_number_id".equals(name) && value.isScalarValue()
					&& value != JsonToken.VALUE_NULL && !parser.getString().isBlank()) {
				numbers.add(parser.getString());
			}
			else {
				parser.skipChildren();
			}
		}
		return numbers;
	}
}
