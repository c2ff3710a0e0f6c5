package io.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

class JsonFieldsTests {

	@Test
	void readsADocumentWhoseKeysAreUnique() {
		assertThat(JsonFields.readStrictly(bytes("{\"a\":{\"b\":1},\"c\":[{\"b\":2},{\"b\":3}]}")).at("/c/1/b").asInt())
				.isEqualTo(3);
	}

	@Test
	void refusesAKeyGivenTwiceAtAnyDepthAndTellsItFromBrokenJson() {
		assertThatExceptionOfType(DuplicateJsonKey.class)
				.isThrownBy(() -> JsonFields.readStrictly(bytes("{\"a\":1,\"a\":2}")));
		assertThatExceptionOfType(DuplicateJsonKey.class)
				.isThrownBy(() -> JsonFields.readStrictly(bytes("{\"x\":[{\"id\":\"1\",\"id\":\"2\"}]}")));
		assertThatExceptionOfType(JacksonException.class)
				.isThrownBy(() -> JsonFields.readStrictly(bytes("{\"a\":1,\"a\":")));
	}

	@Test
	void theSharedMapperAndEveryStrictBuilderRefuseAKeyGivenTwice() {
		assertThatExceptionOfType(JacksonException.class)
				.isThrownBy(() -> JsonFields.mapper().readTree("{\"a\":1,\"a\":2}"));
		assertThatExceptionOfType(JacksonException.class)
				.isThrownBy(() -> JsonFields.strict(JsonMapper.builder()).build().readTree("{\"a\":1,\"a\":2}"));
	}

	@Test
	void theScannerSeesEveryValueOfAKeyGivenTwice() {
		List<String> values = new ArrayList<>();
		try (JsonParser parser = JsonFields.scanner(bytes("{\"id\":\"1\",\"id\":\"2\"}"))) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				if (token == JsonToken.VALUE_STRING) {
					values.add(parser.getString());
				}
			}
		}
		assertThat(values).containsExactly("1", "2");
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}
}
