package io.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link WebhookSignatures} against {@code conformance/signatures/vectors.json}.
 */
class WebhookSignaturesTests {

	private static final Path CONFORMANCE = Path.of("src/test/resources/conformance");
	private static final JsonNode VECTORS = vectors();

	static Stream<Arguments> metaVectors() {
		return vectorsOf("meta");
	}

	static Stream<Arguments> genesysVectors() {
		return vectorsOf("genesys");
	}

	static Stream<Arguments> fileVectors() {
		List<Arguments> files = new ArrayList<>();
		for (JsonNode file : VECTORS.path("file_vectors").path("files")) {
			files.add(Arguments.of(file.path("file").stringValue(), file));
		}
		return files.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("metaVectors")
	void checksMetaVectorsAsLowercaseHex(String name, JsonNode vector) {
		byte[] body = bodyOf(vector);
		Secret secret = Secret.of(vector.path("secret").stringValue());
		String header = vector.path("header_value").stringValue();

		boolean accepted = WebhookSignatures.matchesHex(body, header, secret);

		assertThat(accepted).as(name).isEqualTo(expectsAccept(vector));
		if (expectsAccept(vector)) {
			assertThat(WebhookSignatures.signHex(body, secret)).isEqualTo(header);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("genesysVectors")
	void checksGenesysVectorsAsBase64(String name, JsonNode vector) {
		byte[] body = bodyOf(vector);
		Secret secret = Secret.of(vector.path("secret").stringValue());
		String header = vector.path("header_value").stringValue();

		boolean accepted = WebhookSignatures.matchesBase64(body, header, secret);

		assertThat(accepted).as(name).isEqualTo(expectsAccept(vector));
		if (expectsAccept(vector)) {
			assertThat(WebhookSignatures.signBase64(body, secret)).isEqualTo(header);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fileVectors")
	void signsTheExactBytesOfEveryCorpusFile(String file, JsonNode vector) throws IOException {
		byte[] body = Files.readAllBytes(CONFORMANCE.resolve(file));
		assertThat(body).hasSize(vector.path("length_bytes").intValue());
		assertThat(sha256Hex(body)).isEqualTo(vector.path("sha256_hex").stringValue());
		String provider = vector.path("provider").stringValue();
		Secret secret = Secret.of(VECTORS.path(vector.path("secret_ref").stringValue()).path("secret").stringValue());
		String header = vector.path("header_value").stringValue();

		if ("meta".equals(provider)) {
			assertThat(WebhookSignatures.matchesHex(body, header, secret)).isTrue();
			assertThat(WebhookSignatures.matchesBase64(body, header, secret)).isFalse();
			assertThat(WebhookSignatures.signHex(body, secret)).isEqualTo(header);
		}
		else {
			assertThat(provider).isEqualTo("genesys");
			assertThat(WebhookSignatures.matchesBase64(body, header, secret)).isTrue();
			assertThat(WebhookSignatures.matchesHex(body, header, secret)).isFalse();
			assertThat(WebhookSignatures.signBase64(body, secret)).isEqualTo(header);
		}
	}

	@Test
	void coversEveryCorpusWebhookFile() throws IOException {
		List<String> signed = fileVectors().map(arguments -> (String) arguments.get()[0]).toList();
		List<String> corpus = new ArrayList<>();
		for (String folder : List.of("whatsapp/inbound", "genesys/outbound-webhook")) {
			try (Stream<Path> files = Files.list(CONFORMANCE.resolve(folder))) {
				files.filter(path -> path.toString().endsWith(".json"))
						.forEach(path -> corpus.add(folder + "/" + path.getFileName()));
			}
		}
		assertThat(signed).containsExactlyInAnyOrderElementsOf(corpus);
	}

	@Test
	void validatesTheReferenceUnicodeVector() {
		byte[] body = ("Let's pretend this body is equal to the message object and can handle unicode characters like "
				+ "\\u307f\\u3069\\u308a\\u3044\\u308d and J'ai mang\\u00e9 des p\\u00e2tes")
				.getBytes(StandardCharsets.UTF_8);
		Secret secret = Secret.of("YOUR_APP_SECRET");

		String header = "sha256=0363007aabdf1ab579f35936651a460fb5fa1aaf40df98b1264446b72cc96688";

		assertThat(WebhookSignatures.matchesHex(body, header, secret)).isTrue();
		assertThat(WebhookSignatures.matchesHex(new String(body, StandardCharsets.UTF_8)
				.replace("\\u00e9", "é").getBytes(StandardCharsets.UTF_8), header, secret)).isFalse();
	}

	@Test
	void rejectsMissingAndMalformedHeaders() {
		byte[] body = "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8);
		Secret secret = Secret.of("my-app-secret");
		String valid = "sha256=11064f9b0a36883061d91d867f0438fa2d12dbb4e1f94c3a4afacd039c23494f";

		assertThat(WebhookSignatures.matchesHex(body, valid, secret)).isTrue();
		assertThat(WebhookSignatures.matchesHex(body, valid.toUpperCase(), secret)).isFalse();
		assertThat(WebhookSignatures.matchesHex(body, valid.substring("sha256=".length()), secret)).isFalse();
		assertThat(WebhookSignatures.matchesHex(body, valid.substring(0, valid.length() - 2), secret)).isFalse();
		assertThat(WebhookSignatures.matchesHex(body, "sha1=" + valid.substring("sha256=".length()), secret)).isFalse();
		assertThat(WebhookSignatures.matchesHex(body, "", secret)).isFalse();
		assertThat(WebhookSignatures.matchesBase64(body, "sha256=not base64!", secret)).isFalse();
	}

	private static Stream<Arguments> vectorsOf(String provider) {
		List<Arguments> vectors = new ArrayList<>();
		for (String kind : List.of("valid", "invalid")) {
			for (JsonNode vector : VECTORS.path(provider).path(kind)) {
				vectors.add(Arguments.of(vector.path("name").stringValue(), vector));
			}
		}
		assertThat(vectors).isNotEmpty();
		return vectors.stream();
	}

	private static byte[] bodyOf(JsonNode vector) {
		byte[] body = vector.path("body").stringValue().getBytes(StandardCharsets.UTF_8);
		assertThat(sha256Hex(body)).isEqualTo(vector.path("body_sha256_hex").stringValue());
		assertThat(body).isEqualTo(Base64.getDecoder().decode(vector.path("body_base64").stringValue()));
		return body;
	}

	private static boolean expectsAccept(JsonNode vector) {
		return "accept".equals(vector.path("expect").stringValue());
	}

	private static String sha256Hex(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static JsonNode vectors() {
		try {
			byte[] vectors = Files.readAllBytes(CONFORMANCE.resolve("signatures/vectors.json"));
			return JsonMapper.builder().build().readTree(vectors);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
