package io.switchboard.sandbox.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.platform.Secret;
import io.switchboard.platform.WebhookSignatures;
import io.switchboard.sandbox.SandboxTenant;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated Genesys Cloud's agent side against the running application: agent messages become Open Messaging
 * outbound webhooks signed like Genesys signs them, which the application accepts; receipts the application reports
 * are matched to them; customer typing events are accepted on the inbound event endpoint.
 */
class GenesysAgentIntegrationTests extends AbstractIntegrationTests {

	private static final String INTEGRATION = SandboxTenant.GENESYS_INTEGRATION_ID;
	private static final Secret WEBHOOK_SECRET = Secret.of(SandboxTenant.GENESYS_WEBHOOK_SECRET);

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void agentMessagesAreSignedLikeGenesysAndAcceptedByTheApplication() throws Exception {
		String customer = customer();
		JsonNode conversation = customerWrites(customer, "Ana Souza", "Where is my parcel?");

		HttpResponse<String> response = post("/sandbox/genesys/control/agent-messages", """
				{"integrationId":"%s","toId":"%s","toIdType":"Phone","text":"Hi Ana, it ships today: https://track.example.com/AB-1234"}"""
				.formatted(INTEGRATION, customer));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode answer = json.readTree(response.body());
		String id = answer.path("id").stringValue();
		assertThat(id).matches("[0-9a-f]{32}");
		assertThat(answer.path("webhookStatus").asInt()).isEqualTo(200);
		assertThat(answer.path("attempts").asInt()).isEqualTo(1);
		assertThat(answer.path("conversationId").stringValue()).isEqualTo(conversation.path("id").stringValue());

		JsonNode stored = only(get("/sandbox/genesys/control/agent-messages?toId=" + customer));
		byte[] payload = stored.path("payload").stringValue().getBytes(StandardCharsets.UTF_8);
		String signature = stored.path("signature").stringValue();
		assertThat(signature).startsWith("sha256=");
		assertThat(Base64.getDecoder().decode(signature.substring(7))).hasSize(32);
		assertThat(WebhookSignatures.matchesBase64(payload, signature, WEBHOOK_SECRET)).isTrue();
		assertThat(WebhookSignatures.matchesHex(payload, signature, WEBHOOK_SECRET)).isFalse();

		JsonNode body = json.readTree(payload);
		JsonNode corpus = corpus("01-text");
		assertThat(names(body)).isEqualTo(names(corpus));
		assertThat(names(body.path("channel"))).isEqualTo(names(corpus.path("channel")));
		assertThat(body.path("id").stringValue()).isEqualTo(id);
		JsonNode channel = body.path("channel");
		assertThat(channel.path("id").stringValue()).isEqualTo(INTEGRATION);
		assertThat(channel.path("platform").stringValue()).isEqualTo("Open");
		assertThat(channel.path("type").stringValue()).isEqualTo("Private");
		assertThat(channel.path("messageId").stringValue()).isEqualTo(id);
		assertThat(channel.path("to").path("id").stringValue()).isEqualTo(customer);
		assertThat(channel.path("to").path("idType").stringValue()).isEqualTo("Phone");
		assertThat(channel.path("to").path("nickname").stringValue()).isEqualTo("Ana Souza");
		assertThat(channel.path("from")).isEqualTo(corpus.path("channel").path("from"));
		assertThat(channel.path("time").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(Instant.parse(channel.path("time").stringValue())).isBetween(Instant.now().minusSeconds(30),
				Instant.now());
		assertThat(body.path("type").stringValue()).isEqualTo("Text");
		assertThat(body.path("text").stringValue()).isEqualTo("Hi Ana, it ships today: https://track.example.com/AB-1234");
		assertThat(body.path("direction").stringValue()).isEqualTo("Outbound");
		assertThat(body.path("originatingEntity").stringValue()).isEqualTo("Human");
		assertThat(body.path("conversationId").stringValue()).isEqualTo(conversation.path("id").stringValue());
		assertThat(stored.path("webhookStatus").asInt()).isEqualTo(200);
		assertThat(stored.path("done").booleanValue()).isTrue();
	}

	@Test
	void structuredMessagesCarryQuickRepliesAsGenesysBotsSendThem() throws Exception {
		String customer = customer();
		customerWrites(customer, "Ana Souza", "Hello");

		HttpResponse<String> response = post("/sandbox/genesys/control/agent-messages", """
				{"integrationId":"%s","toId":"%s","text":"Was this answer helpful?","originatingEntity":"Bot",
				 "quickReplies":[{"text":"Yes, thanks","payload":"helpful_yes"},{"text":"No","payload":"helpful_no"},
				 {"text":"Talk to an agent","payload":"agent"}]}""".formatted(INTEGRATION, customer));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json.readTree(response.body()).path("webhookStatus").asInt()).isEqualTo(200);
		JsonNode body = only(get("/sandbox/genesys/control/agent-messages?toId=" + customer)).path("body");
		JsonNode corpus = corpus("03-structured-quick-replies");
		assertThat(body.path("type").stringValue()).isEqualTo("Structured");
		assertThat(body.path("content")).isEqualTo(corpus.path("content"));
		assertThat(body.path("originatingEntity").stringValue()).isEqualTo("Bot");
	}

	@Test
	void typingEventsAndAgentsWritingFirstOpenAConversation() throws Exception {
		String customer = customer();

		HttpResponse<String> typing = post("/sandbox/genesys/control/agent-messages", """
				{"integrationId":"%s","toId":"%s","type":"Event"}""".formatted(INTEGRATION, customer));

		assertThat(typing.statusCode()).as(typing.body()).isEqualTo(200);
		JsonNode body = only(get("/sandbox/genesys/control/agent-messages?toId=" + customer)).path("body");
		assertThat(body.path("events")).isEqualTo(corpus("07-event-typing").path("events"));
		assertThat(body.has("text")).isFalse();
		assertThat(body.path("channel").path("to").path("idType").stringValue()).isEqualTo("Phone");
		assertThat(find(get("/sandbox/genesys/control/conversations"), "customerId", customer).path("messages").asInt())
				.isZero();
	}

	@Test
	void refusesInvalidAgentMessagesAsProblemDetails() throws Exception {
		String customer = customer();
		List<HttpResponse<String>> invalid = new ArrayList<>();
		invalid.add(post("/sandbox/genesys/control/agent-messages", """
				{"integrationId":"%s","toId":"%s","text":"  "}""".formatted(INTEGRATION, customer)));
		invalid.add(post("/sandbox/genesys/control/agent-messages", """
				{"integrationId":"%s","toId":"%s","type":"Text","text":"hi","quickReplies":[{"text":"Yes"}]}"""
				.formatted(INTEGRATION, customer)));
		invalid.add(post("/sandbox/genesys/control/agent-messages", """
				{"integrationId":"%s","toId":"%s","type":"Receipt","text":"hi"}""".formatted(INTEGRATION, customer)));
		invalid.add(post("/sandbox/genesys/control/agent-messages", """
				{"integrationId":"%s","toId":"%s","toIdType":"Mobile","text":"hi"}""".formatted(INTEGRATION, customer)));
		invalid.add(post("/sandbox/genesys/control/agent-messages", """
				{"integrationId":"%s","text":"hi"}""".formatted(INTEGRATION)));
		HttpResponse<String> unknown = post("/sandbox/genesys/control/agent-messages", """
				{"integrationId":"0e9d8c7b-6a5f-4e3d-8c1b-0a9f8e7d6c5b","toId":"%s","text":"hi"}""".formatted(customer));

		for (HttpResponse<String> response : invalid) {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(json.readTree(response.body()).path("detail").stringValue()).isNotBlank();
		}
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(get("/sandbox/genesys/control/agent-messages?toId=" + customer).isEmpty()).isTrue();
	}

	@Test
	void matchesTheReceiptsTheApplicationReportsToAgentMessages() throws Exception {
		String customer = customer();
		customerWrites(customer, "Ana Souza", "Hello");
		put("/sandbox/meta/control/options", "{\"autoStatuses\":false}");
		try {
			String id = json.readTree(post("/sandbox/genesys/control/agent-messages", """
					{"integrationId":"%s","toId":"%s","text":"Hello Ana"}""".formatted(INTEGRATION, customer))
					.body()).path("id").stringValue();

			HttpResponse<String> receipt = genesysApi("receipt", """
					{"id":"%s","channel":{"to":{"id":"%s","idType":"Phone"},"time":"2026-05-04T09:20:08Z"},
					 "status":"Failed","reasons":[{"code":"MessageExpired","message":"WhatsApp error 131047: too late"}],
					 "isFinalReceipt":true}""".formatted(id, customer));

			assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
			JsonNode seen = only(get("/sandbox/genesys/control/agent-messages?toId=" + customer)).path("receipt");
			assertThat(seen.path("status").stringValue()).isEqualTo("Failed");
			assertThat(seen.path("reasons").get(0).path("code").stringValue()).isEqualTo("MessageExpired");
			assertThat(seen.path("count").asInt()).isEqualTo(1);
		}
		finally {
			http.send(HttpRequest.newBuilder(url("/sandbox/meta/control/options")).DELETE().build(),
					HttpResponse.BodyHandlers.discarding());
		}
	}

	@Test
	void acceptsCustomerTypingEventsAsGenesysDoes() throws Exception {
		String customer = customer();
		long before = get("/sandbox/genesys/control/stats").path("eventCalls").asLong();

		HttpResponse<String> typing = genesysApi("event", """
				{"channel":{"from":{"id":"%s","idType":"Phone","nickname":"Ana Souza"},"time":"2026-05-04T09:38:20Z"},
				 "events":[{"eventType":"Typing"}]}""".formatted(customer));
		HttpResponse<String> unknownType = genesysApi("event", """
				{"channel":{"from":{"id":"%s","idType":"Phone"},"time":"2026-05-04T09:38:20Z"},
				 "events":[{"eventType":"Presence"}]}""".formatted(customer));
		HttpResponse<String> noTime = genesysApi("event", """
				{"channel":{"from":{"id":"%s","idType":"Phone"}},"events":[{"eventType":"Typing"}]}"""
				.formatted(customer));
		HttpResponse<String> noEvents = genesysApi("event", """
				{"channel":{"from":{"id":"%s","idType":"Phone"},"time":"2026-05-04T09:38:20Z"},"events":[]}"""
				.formatted(customer));

		assertThat(typing.statusCode()).as(typing.body()).isEqualTo(200);
		JsonNode echo = json.readTree(typing.body());
		assertThat(echo.path("id").stringValue()).matches("[0-9a-f]{32}");
		assertThat(echo.path("events").get(0).path("eventType").stringValue()).isEqualTo("Typing");
		assertThat(echo.path("direction").stringValue()).isEqualTo("Inbound");
		assertThat(unknownType.statusCode()).isEqualTo(400);
		assertThat(json.readTree(unknownType.body()).path("code").stringValue()).isEqualTo("invalid.value");
		assertThat(noTime.statusCode()).isEqualTo(400);
		assertThat(json.readTree(noTime.body()).path("message").stringValue()).contains("channel.time");
		assertThat(noEvents.statusCode()).isEqualTo(400);
		JsonNode stored = only(get("/sandbox/genesys/control/received?kind=event&fromId=" + customer));
		assertThat(stored.path("warnings").isEmpty()).isTrue();
		assertThat(get("/sandbox/genesys/control/stats").path("eventCalls").asLong()).isEqualTo(before + 4);

		HttpResponse<String> corpus = genesysApi("event", json.writeValueAsString(json.readTree(
				getClass().getResourceAsStream("/conformance/genesys/inbound/07-event-typing.json"))));
		assertThat(corpus.statusCode()).isEqualTo(200);
	}

	private JsonNode customerWrites(String customer, String name, String text) throws Exception {
		HttpResponse<String> sent = post("/sandbox/meta/customer/messages", """
				{"from":"%s","name":"%s","text":"%s"}""".formatted(customer, name, text));
		assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			JsonNode conversations = get("/sandbox/genesys/control/conversations");
			for (JsonNode conversation : conversations) {
				if (conversation.path("customerId").stringValue().equals(customer)) {
					return conversation;
				}
			}
			assertThat(System.nanoTime()).as("the customer's message reached the simulated Genesys").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private HttpResponse<String> genesysApi(String endpoint, String body) throws Exception {
		String basic = Base64.getEncoder().encodeToString((SandboxTenant.GENESYS_CLIENT_ID + ":"
				+ SandboxTenant.GENESYS_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> token = http.send(HttpRequest.newBuilder(url("/sandbox/genesys/login/oauth/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
				HttpResponse.BodyHandlers.ofString());
		String bearer = json.readTree(token.body()).path("access_token").stringValue();
		return http.send(HttpRequest.newBuilder(url("/sandbox/genesys/api/api/v2/conversations/messages/" + INTEGRATION
				+ "/inbound/open/" + endpoint))
				.header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static List<String> names(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	private static JsonNode only(JsonNode array) {
		assertThat(array.size()).as(array.toString()).isEqualTo(1);
		return array.get(0);
	}

	private static JsonNode find(JsonNode array, String field, String value) {
		for (JsonNode item : array) {
			if (item.path(field).stringValue().equals(value)) {
				return item;
			}
		}
		throw new AssertionError("no " + field + "=" + value + " in " + array);
	}

	private JsonNode corpus(String name) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/conformance/genesys/outbound-webhook/" + name
				+ ".json")) {
			assertThat(in).as(name).isNotNull();
			return json.readTree(in);
		}
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private void put(String path, String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(path))
				.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static String customer() {
		return "4477009" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
	}
}
