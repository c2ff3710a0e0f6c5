package io.switchboard.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Fingerprints tell requests apart by what they ask for, and a reused key is quoted only when it is plain.
 */
class ApiRequestsTests {

	@Test
	void theSameFieldsGiveTheSameFingerprintAndAnyDifferenceAnother() {
		String fingerprint = ApiRequests.fingerprint("acme", "whatsapp/send/text", "447700900123", "hello");
		assertThat(fingerprint).hasSize(64).matches("[0-9a-f]+")
				.isEqualTo(ApiRequests.fingerprint("acme", "whatsapp/send/text", "447700900123", "hello"));
		assertThat(fingerprint)
				.isNotEqualTo(ApiRequests.fingerprint("globex", "whatsapp/send/text", "447700900123", "hello"))
				.isNotEqualTo(ApiRequests.fingerprint("acme", "genesys/messages/inbound", "447700900123", "hello"))
				.isNotEqualTo(ApiRequests.fingerprint("acme", "whatsapp/send/text", "447700900123", "hello "));
	}

	@Test
	void fieldBoundariesAndNullsCannotBeConfused() {
		assertThat(ApiRequests.fingerprint("t", "op", "ab", "c")).isNotEqualTo(ApiRequests.fingerprint("t", "op", "a", "bc"));
		assertThat(ApiRequests.fingerprint("t", "op", (String) null, "x")).isNotEqualTo(ApiRequests.fingerprint("t", "op", "", "x"));
	}

	@Test
	void aReusedKeyIsQuotedOnlyWhenPlainAndShort() {
		assertThat(ApiRequests.keyReused("Idempotency-Key", "order-42:retry").getBody().getDetail())
				.startsWith("Idempotency-Key 'order-42:retry' was used for a different request.");
		assertThat(ApiRequests.keyReused("Idempotency-Key", "x".repeat(101)).getBody().getDetail())
				.startsWith("This Idempotency-Key was used");
		assertThat(ApiRequests.keyReused("Idempotency-Key", "<script>").getBody().getDetail())
				.doesNotContain("<script>");
		assertThat(ApiRequests.keyReused("Idempotency-Key", "k").getStatusCode().value()).isEqualTo(422);
	}
}
