package io.switchboard.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Unit tests of {@link MetaJson}: bodies written the way Meta writes them.
 */
class MetaJsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void escapesEmojiAsLowercaseSurrogatePairs() {
		assertThat(write("hi \uD83D\uDC4B")).isEqualTo("\"hi \\ud83d\\udc4b\"");
	}

	@Test
	void escapesSlashes() {
		assertThat(write("order AB-1234/2")).isEqualTo("\"order AB-1234\\/2\"");
	}

	@Test
	void escapesLatinAndCjkAsLowercaseHex() {
		assertThat(write("J'ai mangé")).isEqualTo("\"J'ai mang\\u00e9\"");
		assertThat(write("田中")).isEqualTo("\"\\u7530\\u4e2d\"");
	}

	@Test
	void escapesQuotesBackslashesAndControlCharacters() {
		assertThat(write("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
	}

	@Test
	void writesCompactAsciiThatReadsBackToTheSameValues() {
		String text = "こんにちは 👋 注文番号 4521/A — café ✓ \"quoted\" \\ back";
		ObjectNode node = json.createObjectNode();
		node.put("object", "whatsapp_business_account");
		node.putObject("text").put("body", text);
		node.putArray("list").add(1).add(2.5).add(true).addNull().add("田中 健二");

		byte[] bytes = MetaJson.bytes(node);

		for (byte b : bytes) {
			assertThat(b & 0xff).isLessThan(0x80);
		}
		String written = new String(bytes, StandardCharsets.US_ASCII);
		assertThat(written).startsWith("{\"object\":\"whatsapp_business_account\",\"text\":{\"body\":\"")
				.doesNotContain(" :").contains("\\ud83d\\udc4b").contains("4521\\/A").contains("caf\\u00e9");
		JsonNode read = json.readTree(bytes);
		assertThat(read).isEqualTo(node);
		assertThat(read.path("text").path("body").stringValue()).isEqualTo(text);
		assertThat(read.path("list").get(4).stringValue()).isEqualTo("田中 健二");
	}

	@Test
	void matchesTheConformanceCorpusEscaping() {
		assertThat(write("こんにちは 👋")).isEqualTo("\"\\u3053\\u3093\\u306b\\u3061\\u306f \\ud83d\\udc4b\"");
	}

	private String write(String value) {
		return MetaJson.write(json.getNodeFactory().stringNode(value));
	}
}
