package io.switchboard.whatsapp.client;

import static org.assertj.core.api.Assertions.*;

import io.switchboard.whatsapp.WhatsAppSendFailed.Kind;

import java.net.ConnectException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

class GraphErrorTests {

	JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest
	@CsvSource({ "130429, RETRY_LATER, true", "131000, RETRY_LATER, true", "131016, RETRY_LATER, true",
			"1, RETRY_LATER, true", "2, RETRY_LATER, true", "133004, RETRY_LATER, true", "131057, RETRY_LATER, true",
			"4, RETRY_LATER, true", "80007, RETRY_LATER, true", "131056, RETRY_LATER, false",
			"131047, WINDOW_CLOSED, false", "131026, UNDELIVERABLE, false", "131021, UNDELIVERABLE, false",
			"131030, UNDELIVERABLE, false", "100, INVALID_REQUEST, false", "131008, INVALID_REQUEST, false",
			"131009, INVALID_REQUEST, false", "131051, INVALID_REQUEST, false", "132000, INVALID_REQUEST, false",
			"132001, INVALID_REQUEST, false", "132016, INVALID_REQUEST, false", "131053, INVALID_REQUEST, false",
			"33, INVALID_REQUEST, false", "190, CREDENTIALS, false", "0, CREDENTIALS, false", "368, REFUSED, false",
			"131048, REFUSED, false", "131049, REFUSED, false", "200, REFUSED, false", "132068, REFUSED, false" })
	void classifiesByErrorCode(int code, Kind kind, boolean repeated) {
		for (int status : new int[] { 400, 500 }) {
			GraphError error = error(status, "{\"error\":{\"message\":\"m\",\"code\":" + code + "}}");

			assertThat(error.kind()).isEqualTo(kind);
			assertThat(error.transientTrouble()).isEqualTo(repeated);
			assertThat(error.pairRateLimited()).isEqualTo(code == 131056);
		}
	}

	@ParameterizedTest
	@CsvSource({ "401, CREDENTIALS, false", "408, RETRY_LATER, true", "429, RETRY_LATER, true",
			"500, RETRY_LATER, true", "503, RETRY_LATER, true", "400, REFUSED, false", "404, REFUSED, false" })
	void classifiesByStatusOnlyWithoutACode(int status, Kind kind, boolean repeated) {
		GraphError error = error(status, "<html>Bad gateway</html>");

		assertThat(error.kind()).isEqualTo(kind);
		assertThat(error.transientTrouble()).isEqualTo(repeated);
		assertThat(error.codeOrZero()).isZero();
		assertThat(error.message()).isEqualTo("WhatsApp answered " + status + " to send");
	}

	@Test
	void readsTheCorpusError() {
		GraphError error = error(400, FakeGraph.corpus("responses/error-131047.json"));

		assertThat(error.code()).isEqualTo(131047);
		assertThat(error.message()).isEqualTo("(#131047) Re-engagement message");
		assertThat(error.details()).startsWith("Message failed to send because more than 24 hours");
		assertThat(error.fbtraceId()).isEqualTo("AqZ3v0Xk1Lm2Np3Qr4St5Uv");
		assertThat(error.describe()).isEqualTo("error 131047, fbtrace_id AqZ3v0Xk1Lm2Np3Qr4St5Uv");
	}

	@Test
	void readsTheSubcodeAndFallsBackToTheTraceHeader() {
		GraphError error = GraphError.of(401, json.readTree("{\"error\":{\"code\":190,\"error_subcode\":463}}"),
				"HeaderTrace", null, "send", "token");

		assertThat(error.subcode()).isEqualTo(463);
		assertThat(error.describe()).isEqualTo("error 190 (subcode 463), fbtrace_id HeaderTrace");
	}

	@Test
	void treatsNoAnswerAsTransientWithoutACode() {
		GraphError error = GraphError.unanswered("send", new ConnectException("refused"));

		assertThat(error.kind()).isEqualTo(Kind.RETRY_LATER);
		assertThat(error.transientTrouble()).isTrue();
		assertThat(error.describe()).isEqualTo("no answer");
	}

	@Test
	void asksCallersToWaitLongerForCallLimitsAndRetryAfterAndLeavesTheRestToTheirBackoff() {
		assertThat(error(429, "{\"error\":{\"code\":80007}}").retryLater()).isEqualTo(Duration.ofMinutes(1));
		assertThat(error(400, "{\"error\":{\"code\":130429}}").retryLater()).isNull();
		assertThat(GraphError.of(503, MissingNode.getInstance(), null, Duration.ofSeconds(30), "send", "t")
			.retryLater()).isEqualTo(Duration.ofSeconds(30));
	}

	GraphError error(int status, String body) {
		return GraphError.of(status, body.startsWith("{") ? json.readTree(body) : MissingNode.getInstance(), null,
				null, "send", "secret-token");
	}
}
