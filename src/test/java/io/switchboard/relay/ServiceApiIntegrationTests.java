package io.switchboard.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.GenesysWebhookPayloads;
import io.switchboard.MetaSimulatorClient;
import io.switchboard.MetaWebhooks;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed's service APIs for back-office systems, over real HTTP.
 */
class ServiceApiIntegrationTests extends AbstractIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final AtomicInteger CUSTOMERS = new AtomicInteger(700);

	private final GenesysSimulatorClient genesys = new GenesysSimulatorClient(PORT);
	private final MetaSimulatorClient meta = new MetaSimulatorClient(PORT);

	@Autowired
	private JdbcClient jdbc;

	@AfterEach
	void reset() {
		meta.autoStatuses(true);
	}

	@Test
	void aTextToACustomerWhoWroteIsSentOncePerIdempotencyKey() throws Exception {
		String customer = customerWhoJustWrote();
		String key = UUID.randomUUID().toString();
		HttpResponse<String> first = call("/whatsapp/send/text", "{\"to\":\"" + customer + "\",\"text\":\"Your refund is on its way\"}", key);
		assertThat(first.statusCode()).isEqualTo(202);
		JsonNode accepted = JSON.readTree(first.body());
		assertThat(first.headers().firstValue("Location")).hasValue("/api/messages/" + accepted.get("messageId").asLong());
		HttpResponse<String> again = call("/whatsapp/send/text", "{\"to\":\"" + customer + "\",\"text\":\"Your refund is on its way\"}", key);
		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(again.body()).get("messageId").asLong()).isEqualTo(accepted.get("messageId").asLong());

		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (meta.sentTo(customer).isEmpty() && System.nanoTime() < deadline) {
			GenesysSimulatorClient.sleep(Duration.ofMillis(50));
		}
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		List<JsonNode> sent = meta.sentTo(customer);
		assertThat(sent).hasSize(1);
		assertThat(sent.getFirst().at("/body/text/body").asString()).isEqualTo("Your refund is on its way");
		JsonNode entry = awaitEntry(accepted.get("messageId").asLong(), "DELIVERED");
		assertThat(entry.get("whatsappMessageId").asString()).isEqualTo(sent.getFirst().get("wamid").asString());
	}

	@Test
	void anIdempotencyKeyReusedWithADifferentTextIsRefusedNamingTheKeyAndSendsNothingMore() throws Exception {
		String customer = customerWhoJustWrote();
		String key = "refund-" + UUID.randomUUID();
		String first = "{\"to\":\"" + customer + "\",\"text\":\"Your refund is on its way\"}";
		HttpResponse<String> accepted = call("/whatsapp/send/text", first, key);
		assertThat(accepted.statusCode()).isEqualTo(202);
		long messageId = JSON.readTree(accepted.body()).get("messageId").asLong();

		HttpResponse<String> otherText = call("/whatsapp/send/text",
				"{\"to\":\"" + customer + "\",\"text\":\"Your refund was refused\"}", key);
		assertThat(otherText.statusCode()).isEqualTo(422);
		assertThat(otherText.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(otherText.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://switchboard.example/problems/idempotency-key-reused");
		assertThat(problem.get("detail").asString()).startsWith("Idempotency-Key '" + key + "' was used for a different request");
		String otherCustomer = customerWhoJustWrote();
		assertThat(call("/whatsapp/send/text", "{\"to\":\"" + otherCustomer + "\",\"text\":\"Your refund is on its way\"}",
				key).statusCode()).isEqualTo(422);

		HttpResponse<String> retry = call("/whatsapp/send/text",
				"{ \"text\": \"Your refund is on its way\", \"to\": \"" + customer + "\" }", key);
		assertThat(retry.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(retry.body()).get("messageId").asLong()).isEqualTo(messageId);
		awaitEntry(messageId, "DELIVERED");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(meta.sentTo(customer)).extracting(sent -> sent.at("/body/text/body").asString())
				.containsExactly("Your refund is on its way");
		assertThat(meta.sentTo(otherCustomer)).isEmpty();
	}

	@Test
	void aReusedKeyThatIsNotPlainIsNotEchoed() throws Exception {
		String customer = customerWhoJustWrote();
		String key = "order \"42\" <b>" + UUID.randomUUID();
		assertThat(call("/whatsapp/send/text", "{\"to\":\"" + customer + "\",\"text\":\"one\"}", key).statusCode())
				.isEqualTo(202);
		HttpResponse<String> reused = call("/whatsapp/send/text", "{\"to\":\"" + customer + "\",\"text\":\"two\"}", key);
		assertThat(reused.statusCode()).isEqualTo(422);
		assertThat(JSON.readTree(reused.body()).get("detail").asString())
				.startsWith("This Idempotency-Key was used for a different request").doesNotContain("<b>");
	}

	@Test
	void aKeyRecordedBeforeFingerprintsWereKeptStillAnswersWithItsFirstMessage() throws Exception {
		String customer = customerWhoJustWrote();
		String key = UUID.randomUUID().toString();
		HttpResponse<String> accepted = call("/whatsapp/send/text", "{\"to\":\"" + customer + "\",\"text\":\"one\"}", key);
		long messageId = JSON.readTree(accepted.body()).get("messageId").asLong();
		jdbc.sql("update message_tracking set request_fingerprint = null where id = ?").param(messageId).update();
		HttpResponse<String> reused = call("/whatsapp/send/text", "{\"to\":\"" + customer + "\",\"text\":\"two\"}", key);
		assertThat(reused.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(reused.body()).get("messageId").asLong()).isEqualTo(messageId);
	}

	@Test
	void aTextToSomeoneWhoNeverWroteIsRefusedAtOnce() throws Exception {
		HttpResponse<String> response = call("/whatsapp/send/text", "{\"to\":\"447700900997\",\"text\":\"hi\"}", null);
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(JSON.readTree(response.body()).get("type").asString()).endsWith("/unknown-recipient");
	}

	@Test
	void everyBrokenRuleOfARequestIsListedWithWhereItIs() throws Exception {
		HttpResponse<String> response = call("/whatsapp/send/text", "{\"to\":\"+44 7700\",\"text\":\" \"}",
				"k".repeat(201));
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://switchboard.example/problems/invalid-request");
		assertThat(problem.get("errors")).as(response.body()).hasSize(3);
		assertThat(problem.get("errors").get(0).get("header").asString()).isEqualTo("Idempotency-Key");
		assertThat(problem.get("errors").get(0).get("detail").asString()).isEqualTo("must be 1 to 200 characters");
		assertThat(problem.get("errors").get(1).get("pointer").asString()).isEqualTo("#/text");
		assertThat(problem.get("errors").get(2).get("pointer").asString()).isEqualTo("#/to");
		assertThat(problem.get("detail").asString()).startsWith("Idempotency-Key must be 1 to 200 characters; text must be ")
				.contains("; to must be a WhatsApp number").doesNotContain("+44 7700");
	}

	@Test
	void badRequestsAreProblems() throws Exception {
		for (String body : List.of("{\"to\":\"+44 7700\",\"text\":\"hi\"}", "{\"to\":\"447700900101\"}",
				"{\"to\":\"447700900101\",\"text\":\"" + "x".repeat(4097) + "\"}", "not json")) {
			HttpResponse<String> response = call("/whatsapp/send/text", body, null);
			assertThat(response.statusCode()).as(body.length() > 50 ? "long text" : body).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).doesNotContain("Exception");
		}
		HttpResponse<String> unauthenticated = http.send(HttpRequest.newBuilder(url("/whatsapp/send/text"))
				.header("Content-Type", "application/json").header("X-Tenant-ID", "sandbox")
				.POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unauthenticated.statusCode()).isEqualTo(401);
	}

	@Test
	void aBodyThatGivesAKeyTwiceIsAnInvalidRequestAndSendsNothing() throws Exception {
		String customer = customerWhoJustWrote();
		HttpResponse<String> response = call("/whatsapp/send/text",
				"{\"to\":\"" + customer + "\",\"text\":\"to you\",\"to\":\"447700900996\"}", null);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://switchboard.example/problems/invalid-request");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("447700900996");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(meta.sentTo(customer)).isEmpty();
		assertThat(meta.sentTo("447700900996")).isEmpty();
	}

	@Test
	void idsLongerThan256CharactersAreInvalidRequestsNamingTheField() throws Exception {
		String customer = "4477009" + CUSTOMERS.incrementAndGet();
		String tooLong = "w".repeat(257);
		record Refused(String path, String body, String field) {}
		List<Refused> refused = List.of(
				new Refused("/genesys/messages/inbound", """
						{"from":{"id":"%s","idType":"Phone"},"text":"hi","metadata":{"whatsappMessageId":"%s"}}"""
						.formatted(customer, tooLong), "metadata.whatsappMessageId"),
				new Refused("/genesys/messages/inbound", """
						{"from":{"id":"%s","idType":"Phone"},"text":"hi","metadata":{"whatsappMessageId":" "}}"""
						.formatted(customer), "metadata.whatsappMessageId"),
				new Refused("/genesys/messages/inbound", """
						{"conversationId":"%s","from":{"id":"%s","idType":"Phone"},"text":"hi"}"""
						.formatted(tooLong, customer), "conversationId"),
				new Refused("/genesys/receipts", """
						{"messageId":"%s","status":"delivered"}""".formatted(tooLong), "messageId"),
				new Refused("/genesys/receipts", """
						{"conversationId":"%s","messageId":"abc","status":"delivered"}""".formatted(tooLong),
						"conversationId"));
		for (Refused call : refused) {
			HttpResponse<String> response = call(call.path(), call.body(), null);
			assertThat(response.statusCode()).as(call.body()).isEqualTo(400);
			JsonNode problem = JSON.readTree(response.body());
			assertThat(problem.get("type").asString()).isEqualTo("https://switchboard.example/problems/invalid-request");
			assertThat(problem.get("detail").asString()).as(call.body()).startsWith(call.field() + " must be ")
					.contains("256 characters");
			assertThat(problem.get("errors")).as(call.body()).hasSize(1);
			assertThat(problem.get("errors").get(0).get("pointer").asString())
					.isEqualTo("#/" + call.field().replace('.', '/'));
			assertThat(response.body()).doesNotContain("www");
		}
		GenesysSimulatorClient.sleep(Duration.ofMillis(300));
		assertThat(genesys.received("message", "").stream()
				.filter(m -> customer.equals(m.at("/body/channel/from/id").asString()))).isEmpty();
	}

	@Test
	void aCustomerMessageHandedInReachesGenesysOnceAndOpensNoWindow() throws Exception {
		String customer = "4477009" + CUSTOMERS.incrementAndGet();
		String wamid = "wamid.API" + UUID.randomUUID().toString().replace("-", "");
		String body = """
				{"conversationId":"abc-123","from":{"nickname":"John Doe","id":"%s","idType":"Phone"},
				 "text":"I need help with my order","metadata":{"whatsappMessageId":"%s","displayPhoneNumber":"+1234567890"},
				 "isNew":false}""".formatted(customer, wamid);
		assertThat(call("/genesys/messages/inbound", body, null).statusCode()).isEqualTo(202);
		assertThat(call("/genesys/messages/inbound", body, null).statusCode()).isEqualTo(202);
		JsonNode message = genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE).getFirst().get("body");
		assertThat(message.at("/channel/from/id").asString()).isEqualTo(customer);
		assertThat(message.at("/channel/from/nickname").asString()).isEqualTo("John Doe");
		assertThat(message.get("text").asString()).isEqualTo("I need help with my order");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(wamid)).hasSize(1);

		HttpResponse<String> reply = call("/whatsapp/send/text", "{\"to\":\"" + customer + "\",\"text\":\"hello\"}", null);
		assertThat(reply.statusCode()).isEqualTo(422);
		assertThat(JSON.readTree(reply.body()).get("type").asString()).endsWith("/service-window-closed");
	}

	@Test
	void aHandedInMessageWhoseKeyComesBackWithAnotherTextIsRefusedAndGenesysGetsOnlyTheFirst() throws Exception {
		String customer = "4477009" + CUSTOMERS.incrementAndGet();
		String wamid = "wamid.API" + UUID.randomUUID().toString().replace("-", "");
		String body = """
				{"from":{"nickname":"John Doe","id":"%s","idType":"Phone"},"text":"%s",
				 "metadata":{"whatsappMessageId":"%s"}}""";
		HttpResponse<String> first = call("/genesys/messages/inbound", body.formatted(customer, "Where is my order?", wamid), null);
		assertThat(first.statusCode()).isEqualTo(202);
		HttpResponse<String> other = call("/genesys/messages/inbound", body.formatted(customer, "Cancel my order", wamid), null);
		assertThat(other.statusCode()).isEqualTo(422);
		JsonNode problem = JSON.readTree(other.body());
		assertThat(problem.get("type").asString()).endsWith("/problems/idempotency-key-reused");
		assertThat(problem.get("detail").asString())
				.startsWith("metadata.whatsappMessageId '" + wamid + "' was used for a different request");
		HttpResponse<String> retry = call("/genesys/messages/inbound",
				body.formatted(customer, "Where is my order?", wamid).replace("\n", " "), null);
		assertThat(retry.statusCode()).isEqualTo(202);
		assertThat(JSON.readTree(retry.body()).get("messageId").asLong())
				.isEqualTo(JSON.readTree(first.body()).get("messageId").asLong());

		String key = UUID.randomUUID().toString();
		String keyed = """
				{"from":{"nickname":"%s","id":"%s","idType":"Phone"},"text":"Hello"}""";
		HttpResponse<String> keyedFirst = call("/genesys/messages/inbound", keyed.formatted("Ana", customer), key);
		assertThat(keyedFirst.statusCode()).isEqualTo(202);
		HttpResponse<String> otherSender = call("/genesys/messages/inbound", keyed.formatted("Someone else", customer), key);
		assertThat(otherSender.statusCode()).isEqualTo(422);
		assertThat(JSON.readTree(otherSender.body()).get("detail").asString())
				.startsWith("Idempotency-Key '" + key + "' was used for a different request");
		assertThat(call("/genesys/messages/inbound", keyed.formatted("Ana", customer), key).statusCode()).isEqualTo(202);

		assertThat(genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE).getFirst().at("/body/text").asString())
				.isEqualTo("Where is my order?");
		String keyedWamid = JSON.readTree(keyedFirst.body()).get("whatsappMessageId").asString();
		assertThat(genesys.awaitMessages(keyedWamid, m -> m.size() == 1, PATIENCE).getFirst().at("/body/channel/from/nickname")
				.asString()).isEqualTo("Ana");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(wamid)).hasSize(1);
		assertThat(genesys.messagesWithId(keyedWamid)).hasSize(1);
	}

	@Test
	void aReceiptReportedThroughTheApiReachesGenesys() throws Exception {
		meta.autoStatuses(false);
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		http.send(GenesysWebhookPayloads.signed(url("/webhook/genesys/outbound"),
				GenesysWebhookPayloads.text(id, customer, "delivered by hand"), GenesysWebhookPayloads.SANDBOX_WEBHOOK_SECRET),
				HttpResponse.BodyHandlers.ofString());
		meta.awaitSent(id, s -> s.size() == 1, PATIENCE);

		assertThat(call("/genesys/receipts", "{\"conversationId\":\"x\",\"messageId\":\"" + id + "\",\"status\":\"read\"}", null)
				.statusCode()).isEqualTo(400);
		assertThat(call("/genesys/receipts", "{\"messageId\":\"nope\",\"status\":\"delivered\"}", null).statusCode())
				.isEqualTo(404);
		assertThat(call("/genesys/receipts", "{\"conversationId\":\"x\",\"messageId\":\"" + id
				+ "\",\"status\":\"failed\",\"reasonCode\":\"RecipientOptedOut\",\"reason\":\"asked us to stop\"}", null)
				.statusCode()).isEqualTo(202);
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		List<JsonNode> receipts = List.of();
		while (receipts.isEmpty() && System.nanoTime() < deadline) {
			receipts = genesys.received("receipt", "").stream().filter(r -> id.equals(r.at("/body/id").asString()))
					.toList();
			GenesysSimulatorClient.sleep(Duration.ofMillis(50));
		}
		assertThat(receipts).hasSize(1);
		assertThat(receipts.getFirst().at("/body/reasons/0/code").asString()).isEqualTo("RecipientOptedOut");
	}

	@Test
	void theApiIsDescribedWithOpenApi() throws Exception {
		JsonNode api = JSON.readTree(http.send(HttpRequest.newBuilder(url("/v3/api-docs")).GET().build(),
				HttpResponse.BodyHandlers.ofString()).body());
		assertThat(api.get("paths").propertyNames()).contains("/whatsapp/send/text", "/genesys/messages/inbound",
				"/genesys/receipts", "/api/messages", "/api/conversations", "/api/tenant");
		assertThat(api.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
		assertThat(api.at("/paths/~1whatsapp~1send~1text/post/parameters").toString()).contains("X-Tenant-ID",
				"Idempotency-Key");
		assertThat(api.get("paths").has("/webhook/whatsapp")).isFalse();
	}

	private String customerWhoJustWrote() throws Exception {
		String customer = "4477009" + CUSTOMERS.incrementAndGet();
		String wamid = MetaWebhooks.newWamid();
		assertThat(http.send(MetaWebhooks.signed(url("/webhook/whatsapp"),
				MetaWebhooks.text(customer, "Customer", wamid, "hello"), MetaWebhooks.SANDBOX_APP_SECRET),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		return customer;
	}

	private JsonNode awaitEntry(long id, String status) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			JsonNode entry = JSON.readTree(http.send(HttpRequest.newBuilder(url("/api/messages/" + id))
					.header("X-Tenant-ID", "sandbox").header("Authorization", "Bearer " + SANDBOX_API_KEY).GET().build(),
					HttpResponse.BodyHandlers.ofString()).body());
			if (status.equals(entry.get("status").asString())) {
				return entry;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("message " + id + " never reached " + status + ": " + entry);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(100));
		}
	}

	private HttpResponse<String> call(String path, String json, String idempotencyKey)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
				.header("X-Tenant-ID", "sandbox").header("Authorization", "Bearer " + SANDBOX_API_KEY)
				.POST(HttpRequest.BodyPublishers.ofString(json));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
