package io.switchboard.genesys.webhook;

import io.switchboard.genesys.MalformedGenesysWebhook;
import io.switchboard.platform.JsonFields;

import java.util.LinkedHashSet;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The Open Messaging integrations a Genesys webhook body names ({@code channel.id}), read from the raw bytes before
 * its signature is checked, so that it is checked against those integrations' webhook secrets only. A token scan:
 * nothing else is decoded or kept, and a key given twice contributes both
 * values ({@link JsonFields#scanner(byte[])}), so that the scan never addresses fewer tenants than a parser could
 * read; the parse after verification refuses such a body.
 */
final class Integrations {

	private Integrations() {}

	/**
	 * @return the integration ids named, in order; empty if none.
	 * @throws MalformedGenesysWebhook if the body is not a JSON object.
	 */
	static Set<String> named(byte[] body) {
		Set<String> ids = new LinkedHashSet<>();
		try (JsonParser parser = JsonFields.scanner(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new MalformedGenesysWebhook("the body is not a JSON object", null);
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken channel = parser.nextToken();
				if ("channel".equals(name) && channel == JsonToken.START_OBJECT) {
					while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
						String property = parser.currentName();
						JsonToken value = parser.nextToken();
						if ("id".equals(property) && value.isScalarValue() && value != JsonToken.VALUE_NULL) {
							ids.add(parser.getString());
						}
						else {
							parser.skipChildren();
						}
					}
				}
				else {
					parser.skipChildren();
				}
			}
			if (parser.nextToken() != null) {
				throw new MalformedGenesysWebhook("the body has content after its JSON object", null);
			}
		}
		catch (JacksonException e) {
			throw new MalformedGenesysWebhook("the body is not valid JSON", e);
		}
		return ids;
	}
}
