package io.switchboard.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

/**
 * Both webhooks go through one edge: the cap, the signature header of each platform's encoding, the budget, one
 * counted HMAC per secret, and one count per request under its outcome.
 */
class WebhookEdgeTests {

	private static final byte[] BODY = "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8);
	private static final Secret SECRET = Secret.of("app-secret");
	private static final WebhookEdge.Endpoint WHATSAPP = new WebhookEdge.Endpoint("whatsapp", 1024,
			WebhookEdge.Encoding.HEX);
	private static final WebhookEdge.Endpoint GENESYS = new WebhookEdge.Endpoint("genesys", 1024,
			WebhookEdge.Encoding.BASE64);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	private final WebhookEdge edge = new WebhookEdge(new WebhookBodies(
			new WebhookLimits(DataSize.ofMegabytes(1), Duration.ofSeconds(5), Duration.ofSeconds(7)), meters), meters);

	@Test
	void aBodySignedWithTheSecretIsTakenWithOneCountedHmac() {
		ResponseEntity<?> hex = edge.receive(WHATSAPP, request(BODY, WebhookSignatures.signHex(BODY, SECRET)),
				body -> body.signedWith(SECRET) ? "accepted" : "wrong");
		ResponseEntity<?> base64 = edge.receive(GENESYS, request(BODY, WebhookSignatures.signBase64(BODY, SECRET)),
				body -> body.signedWith(SECRET) ? "duplicate" : "wrong");

		assertThat(hex.getStatusCode().value()).isEqualTo(200);
		assertThat(base64.getStatusCode().value()).isEqualTo(200);
		assertThat(count("switchboard.whatsapp.webhooks", "accepted")).isEqualTo(1.0);
		assertThat(count("switchboard.genesys.webhooks", "duplicate")).isEqualTo(1.0);
		assertThat(meters.counter("switchboard.webhooks.signature-checks", "webhook", "whatsapp").count())
				.isEqualTo(1.0);
		assertThat(meters.counter("switchboard.webhooks.signature-checks", "webhook", "genesys").count())
				.isEqualTo(1.0);
	}

	@Test
	void aSignatureInTheOtherPlatformsEncodingIsRefusedBeforeTheBodyIsRead() {
		AtomicInteger taken = new AtomicInteger();
		ResponseEntity<?> answer = edge.receive(WHATSAPP, request(BODY, WebhookSignatures.signBase64(BODY, SECRET)),
				body -> {
					taken.incrementAndGet();
					return "accepted";
				});

		assertProblem(answer, ProblemType.INVALID_SIGNATURE);
		assertThat(((ProblemDetail) answer.getBody()).getDetail()).isEqualTo(WebhookRefused.INVALID_SIGNATURE);
		assertThat(taken).hasValue(0);
		assertThat(count("switchboard.whatsapp.webhooks", "rejected")).isEqualTo(1.0);
	}

	@Test
	void aBodyOverTheCapIsRefusedUnsignedAndUnread() {
		MockHttpServletRequest large = request(new byte[2048], null);
		ResponseEntity<?> answer = edge.receive(GENESYS, large, body -> "accepted");

		assertProblem(answer, ProblemType.BODY_TOO_LARGE);
		assertThat(count("switchboard.genesys.webhooks", "too_large")).isEqualTo(1.0);
	}

	@Test
	void aRefusalOfTheIntakeIsCountedUnderItsOutcomeAndAnsweredAsItsProblem() {
		ResponseEntity<?> unknown = edge.receive(GENESYS, request(BODY, WebhookSignatures.signBase64(BODY, SECRET)),
				body -> {
					throw body.refusedWithoutSecret("unknown_integration");
				});
		ResponseEntity<?> malformed = edge.receive(WHATSAPP, request(BODY, WebhookSignatures.signHex(BODY, SECRET)),
				body -> {
					throw WebhookRefused.malformed("The body is not a WhatsApp webhook notification: no entry");
				});

		assertProblem(unknown, ProblemType.INVALID_SIGNATURE);
		assertProblem(malformed, ProblemType.MALFORMED_WEBHOOK);
		assertThat(count("switchboard.genesys.webhooks", "unknown_integration")).isEqualTo(1.0);
		assertThat(count("switchboard.whatsapp.webhooks", "malformed")).isEqualTo(1.0);
		assertThat(meters.counter("switchboard.webhooks.signature-checks", "webhook", "genesys").count())
				.as("a refusal without a secret costs one HMAC too").isEqualTo(1.0);
	}

	@Test
	void aBusyBudgetTellsTheSenderWhenToComeBack() {
		WebhookEdge small = new WebhookEdge(new WebhookBodies(
				new WebhookLimits(DataSize.ofKilobytes(1), Duration.ofSeconds(5), Duration.ofSeconds(7)), meters),
				meters);
		byte[] body = new byte[1000];
		ResponseEntity<?> held = small.receive(WHATSAPP, request(body, WebhookSignatures.signHex(body, SECRET)),
				first -> {
					ResponseEntity<?> second = small.receive(WHATSAPP,
							request(body, WebhookSignatures.signHex(body, SECRET)), other -> "accepted");
					assertProblem(second, ProblemType.WEBHOOKS_BUSY);
					assertThat(second.getHeaders().getFirst("Retry-After")).isEqualTo("7");
					return "accepted";
				});

		assertThat(held.getStatusCode().value()).isEqualTo(200);
		assertThat(count("switchboard.whatsapp.webhooks", "busy")).isEqualTo(1.0);
	}

	private static void assertProblem(ResponseEntity<?> answer, ProblemType type) {
		assertThat(answer.getStatusCode().value()).isEqualTo(type.status().value());
		assertThat(answer.getBody()).isInstanceOfSatisfying(ProblemDetail.class,
				problem -> assertThat(problem.getType()).isEqualTo(type.uri()));
	}

	private double count(String name, String outcome) {
		return meters.counter(name, "outcome", outcome).count();
	}

	private static MockHttpServletRequest request(byte[] body, String signature) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/webhook");
		request.setContent(body);
		if (signature != null) {
			request.addHeader(WebhookEdge.SIGNATURE, signature);
		}
		return request;
	}
}
