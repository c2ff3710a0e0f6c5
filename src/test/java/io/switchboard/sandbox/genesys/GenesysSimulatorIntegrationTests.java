package io.switchboard.sandbox.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.sandbox.SandboxTenant;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated Genesys Cloud over real HTTP, as the application's Genesys client meets it: OAuth, the inbound message
 * and receipt endpoints, validation, scripted faults and the control endpoints.
 */
class GenesysSimulatorIntegrationTests extends AbstractIntegrationTests {

	private static final String INTEGRATION = SandboxTenant.GENESYS_INTEGRATION_ID;
	private static final String UNKNOWN_INTEGRATION = "0e9d8c7b-6a5f-4e3d-8c1b-0a9f8e7d6c5b";

	private final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void clearFaults() throws Exception {
		http.send(HttpRequest.newBuilder(url("/sandbox/genesys/control/faults")).DELETE().build(),
				HttpResponse.BodyHandlers.discarding());
	}

	@Test
	void issuesTokensToTheSandboxClient() throws Exception {
		long before = stats().path("tokensIssued").asLong();

		HttpResponse<String> response = token(SandboxTenant.GENESYS_CLIENT_ID, SandboxTenant.GENESYS_CLIENT_SECRET,
				"client_credentials");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("access_token").stringValue()).isNotBlank();
		assertThat(body.path("token_type").stringValue()).isEqualTo("bearer");
		assertThat(body.path("expires_in").asLong()).isEqualTo(86_400);
		assertThat(stats().path("tokensIssued").asLong()).isEqualTo(before + 1);
	}

	@Test
	void refusesTokensForAWrongSecretOrAnUnknownClient() throws Exception {
		HttpResponse<String> wrongSecret = token(SandboxTenant.GENESYS_CLIENT_ID, "not-the-secret",
				"client_credentials");
		HttpResponse<String> unknownClient = token("someone-else", "secret", "client_credentials");

		for (HttpResponse<String> response : List.of(wrongSecret, unknownClient)) {
			assertThat(response.statusCode()).isEqualTo(401);
			JsonNode body = json.readTree(response.body());
			assertThat(body.path("error").stringValue()).isEqualTo("invalid_client");
			assertThat(body.path("error_description").stringValue()).isNotBlank();
			assertThat(body.path("description").stringValue()).isNotBlank();
			assertThat(body.has("access_token")).isFalse();
		}
	}

	@Test
	void refusesOtherGrantTypes() throws Exception {
		HttpResponse<String> response = token(SandboxTenant.GENESYS_CLIENT_ID, SandboxTenant.GENESYS_CLIENT_SECRET,
				"password");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).path("error").stringValue()).isEqualTo("unsupported_grant_type");
	}

	@Test
	void acceptsAMessageAndKeepsTheCustomerInOneConversation() throws Exception {
		String token = validToken();
		String customer = customerId();
		String wamid = "wamid.TEST" + customer;

		HttpResponse<String> first = message(token, INTEGRATION, text(customer, wamid, "Hi, where is my parcel?"),
				true);
		HttpResponse<String> second = message(token, INTEGRATION, text(customer, wamid + "2", "Order AB-1234/2"), true);
		HttpResponse<String> other = message(token, INTEGRATION, text(customerId(), wamid + "3", "Hello"), true);
		HttpResponse<String> plain = message(token, INTEGRATION, text(customer, wamid + "4", "Thanks"), false);

		assertThat(first.statusCode()).isEqualTo(200);
		JsonNode accepted = json.readTree(first.body());
		assertThat(accepted.path("id").stringValue()).matches("[0-9a-f]{32}");
		assertThat(accepted.path("conversationId").stringValue()).matches("[0-9a-f-]{36}");
		assertThat(accepted.path("type").stringValue()).isEqualTo("Text");
		assertThat(accepted.path("direction").stringValue()).isEqualTo("Inbound");
		assertThat(accepted.path("text").stringValue()).isEqualTo("Hi, where is my parcel?");
		JsonNode channel = accepted.path("channel");
		assertThat(channel.path("id").stringValue()).isEqualTo(INTEGRATION);
		assertThat(channel.path("platform").stringValue()).isEqualTo("Open");
		assertThat(channel.path("type").stringValue()).isEqualTo("Private");
		assertThat(channel.path("messageId").stringValue()).isEqualTo(wamid);
		assertThat(channel.path("to").path("id").stringValue()).isEqualTo(INTEGRATION);
		assertThat(channel.path("from").path("id").stringValue()).isEqualTo(customer);
		assertThat(channel.path("from").path("nickname").stringValue()).isEqualTo("Ana Souza");
		assertThat(channel.path("time").stringValue()).isEqualTo("2026-05-04T09:00:00Z");

		assertThat(second.statusCode()).isEqualTo(200);
		assertThat(json.readTree(second.body()).path("conversationId").stringValue())
				.isEqualTo(accepted.path("conversationId").stringValue());
		assertThat(json.readTree(other.body()).path("conversationId").stringValue())
				.isNotEqualTo(accepted.path("conversationId").stringValue());
		assertThat(plain.statusCode()).isEqualTo(200);
		assertThat(json.readTree(plain.body()).has("conversationId")).isFalse();

		JsonNode stored = get("/sandbox/genesys/control/received?kind=message&messageId=" + wamid);
		assertThat(stored.size()).isEqualTo(1);
		JsonNode entry = stored.get(0);
		assertThat(entry.path("kind").stringValue()).isEqualTo("message");
		assertThat(entry.path("integrationId").stringValue()).isEqualTo(INTEGRATION);
		assertThat(entry.path("id").stringValue()).isEqualTo(accepted.path("id").stringValue());
		assertThat(entry.path("conversationId").stringValue()).isEqualTo(accepted.path("conversationId").stringValue());
		assertThat(entry.path("receivedAt").stringValue()).isNotBlank();
		assertThat(entry.path("body")).isEqualTo(json.readTree(text(customer, wamid, "Hi, where is my parcel?")));
		assertThat(entry.path("warnings").isEmpty()).isTrue();
		assertThat(get("/sandbox/genesys/control/received?fromId=" + customer).size()).isEqualTo(3);
	}

	@Test
	void recordsLegacyFieldsAsWarnings() throws Exception {
		String customer = customerId();
		String body = """
				{"channel":{"platform":"Open","type":"Private","to":{"id":"%s"},"messageId":"wamid.LEGACY%s",
				 "time":"2026-05-04T09:00:00Z","from":{"id":"%s","idType":"Phone"}},
				 "type":"Text","direction":"Inbound","text":"hi"}""".formatted(INTEGRATION, customer, customer);

		HttpResponse<String> response = message(validToken(), INTEGRATION, body, false);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode warnings = get("/sandbox/genesys/control/received?fromId=" + customer).get(0).path("warnings");
		assertThat(warnings.size()).isEqualTo(5);
	}

	@Test
	void refusesMissingAndExpiredTokens() throws Exception {
		String customer = customerId();
		String body = text(customer, "wamid.AUTH" + customer, "hello");
		String token = validToken();

		HttpResponse<String> missing = http.send(HttpRequest.newBuilder(messageUrl(INTEGRATION, false))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> forged = message("not-a-token", INTEGRATION, body, false);
		post("/sandbox/genesys/control/expire-tokens", "");
		HttpResponse<String> expired = message(token, INTEGRATION, body, false);

		for (HttpResponse<String> response : List.of(missing, forged, expired)) {
			assertGenesysError(response, 401, "bad.credentials");
		}
		assertThat(get("/sandbox/genesys/control/received?fromId=" + customer).size()).isZero();
		assertThat(message(validToken(), INTEGRATION, body, false).statusCode()).isEqualTo(200);
	}

	@Test
	void answersNotFoundForAnUnknownIntegration() throws Exception {
		HttpResponse<String> response = message(validToken(), UNKNOWN_INTEGRATION,
				text(customerId(), "wamid.UNKNOWN", "hello"), false);

		assertGenesysError(response, 404, "not.found");
	}

	@Test
	void validatesMessagesAsGenesysDoes() throws Exception {
		String token = validToken();

		HttpResponse<String> noFromId = message(token, INTEGRATION, """
				{"channel":{"time":"2026-05-04T09:00:00Z","from":{"idType":"Phone"}},"text":"hi"}""", false);
		HttpResponse<String> badIdType = message(token, INTEGRATION, """
				{"channel":{"time":"2026-05-04T09:00:00Z","from":{"id":"447700900101","idType":"Mobile"}},"text":"hi"}""",
				false);
		HttpResponse<String> nothingToSay = message(token, INTEGRATION, """
				{"channel":{"time":"2026-05-04T09:00:00Z","from":{"id":"447700900101","idType":"Phone"}}}""", false);
		HttpResponse<String> badTime = message(token, INTEGRATION, """
				{"channel":{"time":"yesterday","from":{"id":"447700900101","idType":"Phone"}},"text":"hi"}""", false);
		HttpResponse<String> badAttachment = message(token, INTEGRATION, """
				{"channel":{"time":"2026-05-04T09:00:00Z","from":{"id":"447700900101","idType":"Phone"}},
				 "content":[{"attachment":{"mediaType":"Sticker","url":"https://media.example/x.webp","mime":"image/webp"}}]}""",
				false);
		HttpResponse<String> tooLong = message(token, INTEGRATION, """
				{"channel":{"time":"2026-05-04T09:00:00Z","from":{"id":"447700900101","idType":"Phone"}},"text":"%s"}"""
				.formatted("x".repeat(4001)), false);
		HttpResponse<String> notJson = message(token, INTEGRATION, "{\"channel\":", false);

		assertThat(json.readTree(assertGenesysError(noFromId, 400, "bad.request")).path("message").stringValue())
				.contains("channel.from.id");
		assertThat(json.readTree(assertGenesysError(badIdType, 400, "invalid.value")).path("message").stringValue())
				.contains("channel.from.idType").contains("Mobile");
		assertThat(json.readTree(assertGenesysError(nothingToSay, 400, "bad.request")).path("message").stringValue())
				.contains("text").contains("content");
		assertThat(json.readTree(assertGenesysError(badTime, 400, "bad.request")).path("message").stringValue())
				.contains("channel.time");
		assertThat(json.readTree(assertGenesysError(badAttachment, 400, "invalid.value")).path("message").stringValue())
				.contains("mediaType");
		assertGenesysError(tooLong, 400, "bad.request");
		assertGenesysError(notJson, 400, "bad.request");
	}

	@Test
	void answersScriptedFaultsBeforeAnythingElse() throws Exception {
		String customer = customerId();
		String body = text(customer, "wamid.FAULT" + customer, "hello");
		HttpResponse<String> scripted = post("/sandbox/genesys/control/faults",
				"{\"endpoint\":\"message\",\"status\":429,\"retryAfterSeconds\":1,\"times\":1}");
		assertThat(scripted.statusCode()).isEqualTo(201);

		HttpResponse<String> limited = message(validToken(), INTEGRATION, body, false);
		HttpResponse<String> retried = message(validToken(), INTEGRATION, body, false);

		assertGenesysError(limited, 429, "too.many.requests.retry.after");
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(retried.statusCode()).isEqualTo(200);
		assertThat(get("/sandbox/genesys/control/received?fromId=" + customer).size()).isEqualTo(1);
	}

	@Test
	void scriptsTokenFaultsAndRefusesInvalidScripts() throws Exception {
		post("/sandbox/genesys/control/faults", "{\"endpoint\":\"token\",\"status\":503,\"times\":2}");

		assertGenesysError(token(SandboxTenant.GENESYS_CLIENT_ID, SandboxTenant.GENESYS_CLIENT_SECRET,
				"client_credentials"), 503, "service.unavailable");
		assertGenesysError(token(SandboxTenant.GENESYS_CLIENT_ID, SandboxTenant.GENESYS_CLIENT_SECRET,
				"client_credentials"), 503, "service.unavailable");
		assertThat(validToken()).isNotBlank();

		HttpResponse<String> invalid = post("/sandbox/genesys/control/faults",
				"{\"endpoint\":\"nowhere\",\"status\":500}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void acceptsDeliveredAndFailedReceiptsButNotRead() throws Exception {
		String token = validToken();
		String customer = customerId();
		message(token, INTEGRATION, text(customer, "wamid.RECEIPT" + customer, "hello"), true);

		HttpResponse<String> read = receipt(token, receiptBody(customer, "Read", null));
		HttpResponse<String> delivered = receipt(token, receiptBody(customer, "Delivered", null));
		HttpResponse<String> failed = receipt(token, receiptBody(customer, "Failed",
				"[{\"code\":\"InvalidDestination\",\"message\":\"WhatsApp error 131026: Message Undeliverable.\"}]"));
		HttpResponse<String> badReason = receipt(token, receiptBody(customer, "Failed",
				"[{\"code\":\"Undeliverable\"}]"));

		assertThat(json.readTree(assertGenesysError(read, 400, "invalid.value")).path("message").stringValue())
				.contains("status").contains("Read");
		assertGenesysError(badReason, 400, "invalid.value");
		assertThat(delivered.statusCode()).isEqualTo(200);
		JsonNode echo = json.readTree(delivered.body());
		assertThat(echo.path("id").stringValue()).isEqualTo(RECEIPT_ID);
		assertThat(echo.path("status").stringValue()).isEqualTo("Delivered");
		assertThat(echo.path("isFinalReceipt").booleanValue()).isTrue();
		assertThat(echo.path("direction").stringValue()).isEqualTo("Outbound");
		assertThat(echo.path("channel").path("to").path("id").stringValue()).isEqualTo(customer);
		assertThat(failed.statusCode()).isEqualTo(200);
		assertThat(json.readTree(failed.body()).path("reasons").get(0).path("code").stringValue())
				.isEqualTo("InvalidDestination");

		JsonNode receipts = get("/sandbox/genesys/control/received?kind=receipt&fromId=" + customer);
		assertThat(receipts.size()).isEqualTo(2);
		assertThat(receipts.get(0).path("conversationId").stringValue()).isNotBlank();
		assertThat(receipts.get(0).path("warnings").isEmpty()).isTrue();
	}

	@Test
	void hostsOtherTenantsPointedAtTheSimulatorButKeepsTheirTokensApart() throws Exception {
		HttpResponse<String> issued = token("acme-client", "acme-client-secret", "client_credentials");
		assumeTrue(issued.statusCode() == 200, "the test configuration declares no acme tenant on the simulator");
		String acmeToken = json.readTree(issued.body()).path("access_token").stringValue();
		String customer = customerId();

		HttpResponse<String> own = message(acmeToken, "a0a0a0a0-1111-4222-8333-444455556666",
				text(customer, "wamid.ACME" + customer, "hello"), true);
		HttpResponse<String> foreign = message(acmeToken, INTEGRATION,
				text(customer, "wamid.ACME2" + customer, "hello"), true);

		assertThat(own.statusCode()).isEqualTo(200);
		assertGenesysError(foreign, 401, "bad.credentials");
	}

	@Test
	void servesTheSandboxPages() throws Exception {
		for (String page : List.of("/sandbox", "/sandbox/customer", "/sandbox/agent")) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(page)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("text/html"));
		}
		HttpResponse<String> customer = http.send(HttpRequest.newBuilder(url("/sandbox/customer")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(customer.body()).contains("id=\"message\"").contains("id=\"send\"");
		HttpResponse<String> script = http.send(HttpRequest.newBuilder(url("/sandbox/assets/agent.js")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(script.statusCode()).isEqualTo(200);
	}

	private String assertGenesysError(HttpResponse<String> response, int status, String code) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("code").stringValue()).isEqualTo(code);
		assertThat(body.path("status").asInt()).isEqualTo(status);
		assertThat(body.path("message").stringValue()).isNotBlank();
		assertThat(body.path("contextId").stringValue()).matches("[0-9a-f-]{36}");
		assertThat(body.path("details").isArray()).isTrue();
		assertThat(body.path("errors").isArray()).isTrue();
		return response.body();
	}

	private HttpResponse<String> token(String clientId, String secret, String grantType) throws Exception {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(url("/sandbox/genesys/login/oauth/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=" + grantType)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private String validToken() throws Exception {
		HttpResponse<String> response = token(SandboxTenant.GENESYS_CLIENT_ID, SandboxTenant.GENESYS_CLIENT_SECRET,
				"client_credentials");
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body()).path("access_token").stringValue();
	}

	private static URI messageUrl(String integration, boolean prefetch) {
		return url("/sandbox/genesys/api/api/v2/conversations/messages/" + integration + "/inbound/open/message"
				+ (prefetch ? "?prefetchConversationId=true" : ""));
	}

	private HttpResponse<String> message(String token, String integration, String body, boolean prefetch)
			throws Exception {
		return http.send(HttpRequest.newBuilder(messageUrl(integration, prefetch))
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> receipt(String token, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(url("/sandbox/genesys/api/api/v2/conversations/messages/" + INTEGRATION
				+ "/inbound/open/receipt"))
				.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private JsonNode stats() throws Exception {
		return get("/sandbox/genesys/control/stats");
	}

	private static String text(String customer, String wamid, String text) {
		return """
				{"channel":{"from":{"id":"%s","idType":"Phone","nickname":"Ana Souza"},"messageId":"%s",
				 "time":"2026-05-04T09:00:00Z"},"text":"%s"}""".formatted(customer, wamid, text);
	}

	private static String receiptBody(String customer, String status, String reasons) {
		return """
				{"id":"%s","channel":{"to":{"id":"%s","idType":"Phone"},
				 "time":"2026-05-04T09:20:08Z"},"status":"%s",%s"isFinalReceipt":true}"""
				.formatted(RECEIPT_ID, customer, status, reasons == null ? "" : "\"reasons\":" + reasons + ",");
	}

	/** A receipt id of the simulator tests' own, so that they never touch the corpus's messages. */
	private static final String RECEIPT_ID = "5a5a5a5a0000400080000000" + "5a5a5a5a";

	private static String customerId() {
		return "4477009" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
	}
}
