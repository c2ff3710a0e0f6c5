package io.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of the REST API and the rest of the edge over real HTTP: bodies held to their limit before they are
 * parsed, every error a problem detail with the product's type (Spring MVC's, the servlet container's and Tomcat's
 * own refusals alike), and the security headers on every answer.
 */
class ApiAnswersIntegrationTests extends AbstractIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final int TWENTY_FIVE_MB = 25 * 1024 * 1024;
	private static final String PROBLEMS = "https://switchboard.example/problems/";

	@Test
	void aTwentyFiveMegabyteBodyWithItsContentLengthIsRefusedUnread() throws Exception {
		long start = System.nanoTime();
		String answer = exchange(("POST /whatsapp/send/text HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nX-Tenant-ID: sandbox\r\nAuthorization: Bearer " + SANDBOX_API_KEY
				+ "\r\nContent-Length: " + TWENTY_FIVE_MB + "\r\n\r\n{\"to\":\"").getBytes(StandardCharsets.US_ASCII));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(answer).startsWith("HTTP/1.1 413");
		assertProblem(answer, "body-too-large");
		assertThat(body(answer).get("detail").asString()).isEqualTo("Request bodies may be at most 65536 bytes.");
		assertSecurityHeaders(answer, "413");

		String withoutKey = exchange(("POST /api/admin/dead-letters/replay HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + TWENTY_FIVE_MB + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		assertThat(withoutKey).as("refused before authentication").startsWith("HTTP/1.1 413");
		assertProblem(withoutKey, "body-too-large");
	}

	@Test
	void aChunkedBodyIsCutOffOnceItPassesTheLimit() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url("/whatsapp/send/text"))
				.header("Content-Type", "application/json").header("X-Tenant-ID", "sandbox")
				.header("Authorization", "Bearer " + SANDBOX_API_KEY)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new TextOfSize(TWENTY_FIVE_MB))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(answer.statusCode()).isEqualTo(413);
		assertProblem(answer, "body-too-large");
	}

	@Test
	void aChunkedBodyOnTheAdminApiIsCutOffToo() throws Exception {
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url("/api/admin/dead-letters/replay"))
				.header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_API_KEY)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new TextOfSize(TWENTY_FIVE_MB))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(413);
		assertProblem(answer, "body-too-large");
	}

	@Test
	void theLargestLegitimateRequestIsWithinTheLimit() throws Exception {
		String text = "\\u00e9".repeat(4096);
		HttpResponse<String> answer = tenantCall("POST", "/whatsapp/send/text", "application/json",
				"{\"to\":\"447700900996\",\"text\":\"" + text + "\"}");
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
		assertProblem(answer, "unknown-recipient");
	}

	@Test
	void webhooksKeepTheirOwnLimits() throws Exception {
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url("/webhook/whatsapp"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[200 * 1024])).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(401);
		assertProblem(answer, "invalid-signature");
	}

	@Test
	void springMvcsOwnErrorsAreProblemsOfTheProductsTypes() throws Exception {
		HttpResponse<String> unreadable = tenantCall("POST", "/whatsapp/send/text", "application/json", "{\"to\": [");
		assertThat(unreadable.statusCode()).isEqualTo(400);
		assertProblem(unreadable, "invalid-request");

		HttpResponse<String> noSuchPath = tenantCall("GET", "/api/nothing-here", null, null);
		assertThat(noSuchPath.statusCode()).isEqualTo(404);
		assertProblem(noSuchPath, "not-found");
		assertThat(body(noSuchPath).get("detail").asString()).isEqualTo("There is nothing at this path.");
		HttpResponse<String> openNoSuchPath = send(HttpRequest.newBuilder(url("/no/such/page.html")).GET());
		assertThat(openNoSuchPath.statusCode()).isEqualTo(404);
		assertProblem(openNoSuchPath, "not-found");

		HttpResponse<String> method = tenantCall("DELETE", "/whatsapp/send/text", null, null);
		assertThat(method.statusCode()).isEqualTo(405);
		assertProblem(method, "method-not-allowed");
		assertThat(method.headers().firstValue("Allow")).hasValue("POST");

		HttpResponse<String> notAcceptable = send(HttpRequest.newBuilder(url("/api/tenant"))
				.header("X-Tenant-ID", "sandbox").header("Authorization", "Bearer " + SANDBOX_API_KEY)
				.header("Accept", "text/html").GET());
		assertThat(notAcceptable.statusCode()).isEqualTo(406);
		assertProblem(notAcceptable, "not-acceptable");

		HttpResponse<String> mediaType = tenantCall("POST", "/whatsapp/send/text", "text/plain", "hello");
		assertThat(mediaType.statusCode()).isEqualTo(415);
		assertProblem(mediaType, "unsupported-media-type");
		assertThat(body(mediaType).get("detail").asString()).contains("application/json");

		HttpResponse<String> missingParameter = send(HttpRequest.newBuilder(url("/sandbox/meta/customer/inbox")).GET());
		assertThat(missingParameter.statusCode()).isEqualTo(400);
		assertProblem(missingParameter, "invalid-request");
		assertThat(body(missingParameter).get("detail").asString())
				.isEqualTo("The query parameter 'to' is required.");

		HttpResponse<String> mismatch = tenantCall("GET", "/api/messages/not-a-number", null, null);
		assertThat(mismatch.statusCode()).isEqualTo(400);
		assertProblem(mismatch, "invalid-request");
		assertThat(body(mismatch).get("detail").asString()).isEqualTo("'id' must be a whole number.");
		HttpResponse<String> badEnum = tenantCall("GET", "/api/messages?status=%3Cscript%3E", null, null);
		assertThat(badEnum.statusCode()).isEqualTo(400);
		assertThat(badEnum.body()).doesNotContain("<script>");
	}

	@Test
	void theErrorPageAnswersProblemsForWhatTheContainerRefused() throws Exception {
		HttpResponse<String> direct = send(HttpRequest.newBuilder(url("/error")).GET());
		assertThat(direct.statusCode()).isEqualTo(404);
		assertProblem(direct, "not-found");

		String trace = exchange("TRACE /api/tenant HTTP/1.1\r\nHost: localhost\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
		assertThat(trace).startsWith("HTTP/1.1 405");
		assertProblem(trace, "method-not-allowed");
		assertThat(body(trace).get("instance").asString()).isEqualTo("/api/tenant");
		assertSecurityHeaders(trace, "TRACE");
	}

	@Test
	void requestsTomcatRefusesItselfAreAnsweredAsProblemsWithoutTomcatsPage() throws Exception {
		Map<String, String> refused = Map.of(
				"an invalid character in the request target", "GET /api/te|nant HTTP/1.1\r\nHost: localhost\r\n\r\n",
				"an invalid header name", "GET /api/tenant HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n",
				"a request line that is not HTTP", "HELLO\r\n\r\n",
				"headers over the limit", "GET /api/tenant HTTP/1.1\r\nHost: localhost\r\nX-Big: "
						+ "x".repeat(20 * 1024) + "\r\n\r\n");
		for (var request : refused.entrySet()) {
			String answer = exchange(request.getValue().getBytes(StandardCharsets.US_ASCII));
			assertThat(answer).as(request.getKey()).startsWith("HTTP/1.1 4");
			assertThat(answer).as(request.getKey()).containsIgnoringCase("Content-Type: application/problem+json")
					.doesNotContain("Tomcat").doesNotContain("<html").doesNotContainIgnoringCase("exception");
			JsonNode problem = body(answer);
			assertThat(problem.get("type").asString()).as(request.getKey()).startsWith(PROBLEMS);
			assertThat(problem.get("status").asInt()).as(request.getKey()).isBetween(400, 499);
			assertSecurityHeaders(answer, request.getKey());
		}
	}

	@Test
	void everyAnswerCarriesTheSecurityHeadersAndApiAnswersAreNotStored() throws Exception {
		List<HttpResponse<String>> answers = List.of(tenantCall("GET", "/api/tenant", null, null),
				tenantCall("GET", "/api/nothing-here", null, null),
				send(HttpRequest.newBuilder(url("/api/tenant")).GET()),
				send(HttpRequest.newBuilder(url("/api;/tenant")).GET()),
				send(HttpRequest.newBuilder(url("/webhook/whatsapp")).POST(HttpRequest.BodyPublishers.ofString("{}"))),
				send(HttpRequest.newBuilder(url("/actuator/health")).GET()),
				send(HttpRequest.newBuilder(url("/v3/api-docs")).GET()));
		for (HttpResponse<String> answer : answers) {
			String what = answer.request().method() + " " + answer.uri().getRawPath() + " " + answer.statusCode();
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
			assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
			assertThat(answer.headers().firstValue("Cache-Control")).as(what)
					.hasValueSatisfying(value -> assertThat(value).contains("no-store"));
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(what)
					.hasValue("default-src 'none'; frame-ancestors 'none'");
		}
	}

	@Test
	void theSandboxPagesHaveAPolicyWithoutInlineScriptOrStyle() throws Exception {
		for (String page : List.of("/sandbox", "/sandbox/customer", "/sandbox/agent", "/sandbox/assets/customer.js")) {
			HttpResponse<String> answer = send(HttpRequest.newBuilder(url(page)).GET());
			assertThat(answer.statusCode()).as(page).isEqualTo(200);
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(page).hasValueSatisfying(policy ->
					assertThat(policy).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
							.doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(page).hasValue("nosniff");
			assertThat(answer.headers().firstValue("Referrer-Policy")).as(page).hasValue("no-referrer");
		}
	}

	private void assertProblem(HttpResponse<String> answer, String type) {
		assertThat(answer.headers().firstValue("Content-Type")).as(answer.body())
				.hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
		assertThat(body(answer.body()).get("type").asString()).as(answer.body()).isEqualTo(PROBLEMS + type);
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	private static void assertProblem(String rawAnswer, String type) {
		assertThat(rawAnswer).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(body(rawAnswer).get("type").asString()).as(rawAnswer).isEqualTo(PROBLEMS + type);
	}

	private static void assertSecurityHeaders(String rawAnswer, String what) {
		assertThat(rawAnswer).as(what).containsIgnoringCase("X-Content-Type-Options: nosniff")
				.containsIgnoringCase("Referrer-Policy: no-referrer").containsIgnoringCase("Cache-Control: no-store");
	}

	private HttpResponse<String> tenantCall(String method, String path, String contentType, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("X-Tenant-ID", "sandbox")
				.header("Authorization", "Bearer " + SANDBOX_API_KEY)
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode body(String answer) {
		int start = answer.indexOf("\r\n\r\n");
		String body = start >= 0 ? answer.substring(start + 4) : answer;
		if (start >= 0 && answer.substring(0, start).toLowerCase().contains("transfer-encoding: chunked")) {
			StringBuilder whole = new StringBuilder();
			int at = 0;
			for (int size; (size = Integer.parseInt(body.substring(at, body.indexOf("\r\n", at)).trim(), 16)) > 0;) {
				int from = body.indexOf("\r\n", at) + 2;
				whole.append(body, from, from + size);
				at = from + size + 2;
			}
			body = whole.toString();
		}
		return JSON.readTree(body);
	}

	private static JsonNode body(HttpResponse<String> answer) {
		return JSON.readTree(answer.body());
	}

	/**
	 * Sends raw bytes and reads what comes back until the server closes the connection or stops sending.
	 */
	private static String exchange(byte[] request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", PORT)) {
			socket.setSoTimeout(3000);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					answer.write(buffer, 0, n);
					if (complete(answer.toString(StandardCharsets.UTF_8))) {
						break;
					}
				}
			}
			catch (SocketTimeoutException | java.net.SocketException stopped) {
				// what arrived is the answer
			}
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

	private static boolean complete(String answer) {
		int end = answer.indexOf("\r\n\r\n");
		if (end < 0) {
			return false;
		}
		String head = answer.substring(0, end).toLowerCase();
		if (head.contains("transfer-encoding: chunked")) {
			return answer.endsWith("\r\n0\r\n\r\n");
		}
		int at = head.indexOf("content-length: ");
		if (at < 0) {
			return false;
		}
		int length = Integer.parseInt(head.substring(at + 16).split("\r\n")[0].trim());
		return answer.getBytes(StandardCharsets.UTF_8).length >= end + 4 + length;
	}

	/**
	 * A JSON text of the given size, made as it is read.
	 */
	private static final class TextOfSize extends InputStream {

		private final byte[] start = "{\"to\":\"447700900123\",\"text\":\"".getBytes(StandardCharsets.US_ASCII);
		private final long size;
		private long position;

		TextOfSize(long size) {
			this.size = size;
		}

		@Override
		public int read() {
			if (position >= size) {
				return -1;
			}
			int b = position < start.length ? start[(int) position] : 'x';
			position++;
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (position >= size) {
				return -1;
			}
			int n = (int) Math.min(length, size - position);
			for (int i = 0; i < n; i++) {
				buffer[offset + i] = (byte) read();
			}
			return n;
		}
	}
}
