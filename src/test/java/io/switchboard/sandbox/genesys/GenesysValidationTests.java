package io.switchboard.sandbox.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unit tests of {@link GenesysValidation} against the conformance corpus and a few malformed bodies.
 */
class GenesysValidationTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "01-message-text", "02-message-text-custom-attributes", "03-message-image-attachment",
			"04-message-document-attachment", "08-message-text-opaque-bsuid" })
	void acceptsTheCorpusMessagesWithoutWarnings(String name) throws IOException {
		GenesysValidation.CheckedMessage checked = GenesysValidation.message(fixture(name));

		assertThat(checked.id()).isNotBlank();
		assertThat(checked.warnings()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "05-receipt-delivered", "06-receipt-failed" })
	void acceptsTheCorpusReceiptsWithoutWarnings(String name) throws IOException {
		GenesysValidation.CheckedReceipt checked = GenesysValidation.receipt(fixture(name));

		assertThat(checked.customerId()).isNotBlank();
		assertThat(checked.warnings()).isEmpty();
	}

	@Test
	void refusesReasonsOnDeliveredReceipts() {
		assertThatExceptionOfType(GenesysError.class).isThrownBy(() -> GenesysValidation.receipt(json.readTree("""
				{"id":"f20c37d97e382ca41fda843555907b74","channel":{"to":{"id":"447700900101","idType":"Phone"}},
				 "status":"Delivered","reasons":[{"code":"GeneralError"}]}""")))
				.satisfies(e -> assertThat(e.code()).isEqualTo("bad.request"));
	}

	@Test
	void warnsAboutFailedReceiptsWithoutReasons() {
		assertThat(GenesysValidation.receipt(json.readTree("""
				{"id":"f20c37d97e382ca41fda843555907b74","channel":{"to":{"id":"447700900101","idType":"Phone"}},
				 "status":"Failed"}""")).warnings()).hasSize(1);
	}

	@Test
	void refusesAttachmentsWithoutUrlOrMime() {
		assertThatExceptionOfType(GenesysError.class).isThrownBy(() -> GenesysValidation.message(json.readTree("""
				{"channel":{"time":"2026-05-04T09:00:00Z","from":{"id":"447700900101","idType":"Phone"}},
				 "content":[{"attachment":{"mediaType":"Image","mime":"image/jpeg"}}]}""")))
				.withMessageContaining("content[0].attachment.url");
		assertThatExceptionOfType(GenesysError.class).isThrownBy(() -> GenesysValidation.message(json.readTree("""
				{"channel":{"time":"2026-05-04T09:00:00Z","from":{"id":"447700900101","idType":"Phone"}},
				 "content":[{"attachment":{"mediaType":"Image","url":"https://media.example/a.jpg"}}]}""")))
				.withMessageContaining("content[0].attachment.mime");
	}

	@Test
	void refusesBodiesThatAreNotObjects() {
		assertThatExceptionOfType(GenesysError.class)
				.isThrownBy(() -> GenesysValidation.message(json.readTree("[1,2]")))
				.satisfies(e -> assertThat(e.status()).isEqualTo(400));
	}

	private JsonNode fixture(String name) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/conformance/genesys/inbound/" + name + ".json")) {
			assertThat(in).as(name).isNotNull();
			return json.readTree(in);
		}
	}
}
