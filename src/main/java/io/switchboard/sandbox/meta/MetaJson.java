package io.switchboard.sandbox.meta;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Writes JSON the way Meta writes webhook bodies: compact, ASCII only, every non-ASCII character as a {@code \}{@code
 * uXXXX} escape with lowercase hex (UTF-16 surrogate pairs for characters beyond the BMP, e.g. emoji), and {@code /} as
 * {@code \/}. Signatures are computed over exactly these bytes, so a receiver must verify before it parses.
 */
final class MetaJson {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private MetaJson() {}

	/**
	 * @return the body as Meta would send it; pure ASCII.
	 */
	static byte[] bytes(JsonNode node) {
		return write(node).getBytes(StandardCharsets.US_ASCII);
	}

	static String write(JsonNode node) {
		StringBuilder out = new StringBuilder(256);
		write(node, out);
		return out.toString();
	}

	private static void write(JsonNode node, StringBuilder out) {
		if (node.isObject()) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				string(property.getKey(), out);
				out.append(':');
				write(property.getValue(), out);
			}
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			boolean first = true;
			for (JsonNode element : node) {
				if (!first) {
					out.append(',');
				}
				first = false;
				write(element, out);
			}
			out.append(']');
		}
		else if (node.isString()) {
			string(node.stringValue(), out);
		}
		else if (node.isNumber() || node.isBoolean() || node.isNull()) {
			out.append(node.toString());
		}
		else {
			throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node as Meta JSON");
		}
	}

	static void string(String value, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '/' -> out.append("\\/");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20 || c > 0x7e) {
						out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
								.append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}
}
