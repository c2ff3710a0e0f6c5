package io.switchboard.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.sandbox.SandboxTenant;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated Graph API over real HTTP, as the application's Cloud API client meets it: authentication, validation
 * and error shapes, throughput, scripted faults, the status webhooks it sends to the application, the 24-hour window
 * and the customer's side (inbox, read).
 */
class MetaGraphSimulatorIntegrationTests extends AbstractIntegrationTests {

	private static final String SANDBOX_NUMBER = SandboxTenant.PHONE_NUMBER_ID;
	private static final String SANDBOX_TOKEN = SandboxTenant.META_ACCESS_TOKEN;
	private static final String ACME_TOKEN = "acme-access-token";

	private final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void resetSimulator() throws Exception {
		http.send(HttpRequest.newBuilder(url("/sandbox/meta/control/faults")).DELETE().build(),
				HttpResponse.BodyHandlers.discarding());
		http.send(HttpRequest.newBuilder(url("/sandbox/meta/control/options")).DELETE().build(),
				HttpResponse.BodyHandlers.discarding());
	}

	@Test
	void acceptsTheCorpusSendsAndAnswersLikeTheCloudApi() throws Exception {
		options("{\"autoStatuses\":false}");
		for (String name : List.of("01-text-preview-url", "02-image-link", "03-image-media-id",
				"04-document-filename-caption", "05-audio", "06-video", "07-sticker", "08-location",
				"09-template-header-body-button", "10-interactive-buttons", "11-interactive-list", "12-reaction",
				"14-text-bsuid-recipient", "16-text-unicode")) {
			JsonNode request = MetaMediaIntegrationTests.withSimulatorMedia(corpus(name), http);

			HttpResponse<String> response = send(SANDBOX_NUMBER, SANDBOX_TOKEN, request.toString());

			assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/json"));
			JsonNode body = json.readTree(response.body());
			assertThat(body.path("messaging_product").stringValue()).isEqualTo("whatsapp");
			JsonNode contact = body.path("contacts").get(0);
			JsonNode message = body.path("messages").get(0);
			assertThat(message.path("id").stringValue()).startsWith("wamid.HBgM");
			if (request.has("recipient")) {
				assertThat(contact.path("input").stringValue()).isEqualTo(request.path("recipient").stringValue());
				assertThat(contact.has("wa_id")).isFalse();
			}
			else {
				assertThat(contact.path("input").stringValue()).isEqualTo(request.path("to").stringValue());
				assertThat(contact.path("wa_id").stringValue()).isEqualTo(request.path("to").stringValue());
			}
			assertThat(message.has("message_status")).isEqualTo(name.startsWith("09-"));
			JsonNode stored = get("/sandbox/meta/control/sent?to=" + contact.path("input").stringValue()
					+ "&type=" + request.path("type").stringValue());
			JsonNode mine = find(stored, message.path("id").stringValue());
			assertThat(mine.path("body")).isEqualTo(request);
			assertThat(mine.path("phoneNumberId").stringValue()).isEqualTo(SANDBOX_NUMBER);
			assertThat(mine.path("receivedAt").stringValue()).isNotBlank();
			assertThat(mine.path("statuses").isEmpty()).isTrue();
		}
	}

	@Test
	void refusesMissingAndForeignTokensWithError190() throws Exception {
		String body = text(customer(), "hello");
		HttpResponse<String> missing = http.send(HttpRequest.newBuilder(messagesUrl(SANDBOX_NUMBER))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> wrong = send(SANDBOX_NUMBER, "not-a-token", body);
		HttpResponse<String> foreign = send(SANDBOX_NUMBER, ACME_TOKEN, body);

		for (HttpResponse<String> response : List.of(missing, wrong, foreign)) {
			JsonNode error = assertGraphError(response, 401, 190);
			assertThat(error.path("message").stringValue())
					.isEqualTo("Invalid OAuth access token - Cannot parse access token");
			assertThat(error.path("type").stringValue()).isEqualTo("OAuthException");
			assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
		}
	}

	@Test
	void refusesUnknownNumbersWithError100() throws Exception {
		HttpResponse<String> response = send("199999999999999", SANDBOX_TOKEN, text(customer(), "hello"));

		JsonNode error = assertGraphError(response, 400, 100);
		assertThat(error.path("message").stringValue()).startsWith("Unsupported post request. Object with ID "
				+ "'199999999999999' does not exist");
		assertThat(error.path("type").stringValue()).isEqualTo("GraphMethodException");
		assertThat(error.path("error_subcode").asInt()).isEqualTo(33);
	}

	@Test
	void validatesBodiesAndNamesTheField() throws Exception {
		String to = customer();
		assertDetails(send("""
				{"to":"%s","type":"text","text":{"body":"hi"}}""".formatted(to)), 100, "messaging_product");
		assertDetails(send("""
				{"messaging_product":"sms","to":"%s","type":"text","text":{"body":"hi"}}""".formatted(to)), 100,
				"messaging_product");
		assertDetails(send("""
				{"messaging_product":"whatsapp","to":"%s","recipient":"US.80417735526019448823","type":"text",
				 "text":{"body":"hi"}}""".formatted(to)), 100, "recipient");
		assertDetails(send("""
				{"messaging_product":"whatsapp","type":"text","text":{"body":"hi"}}"""), 131008, "to");
		assertDetails(send("""
				{"messaging_product":"whatsapp","to":"not a number","type":"text","text":{"body":"hi"}}"""), 100,
				"to");
		assertDetails(send("""
				{"messaging_product":"whatsapp","to":"%s","type":"hologram","hologram":{}}""".formatted(to)), 100,
				"type");
		assertDetails(send("""
				{"messaging_product":"whatsapp","to":"%s","type":"text","text":{}}""".formatted(to)), 131008,
				"text['body']");
		assertDetails(send("""
				{"messaging_product":"whatsapp","to":"%s","type":"text","text":{"body":""}}""".formatted(to)), 100,
				"text['body']");
		assertDetails(send("""
				{"messaging_product":"whatsapp","to":"%s","type":"text","text":{"body":"%s"}}"""
				.formatted(to, "x".repeat(4097))), 100, "text['body']");
		assertDetails(send("""
				{"messaging_product":"whatsapp","to":"%s","type":"image","image":{"id":"1","link":"https://a.example/x.jpg"}}"""
				.formatted(to)), 100, "image");
		assertDetails(send("""
				{"messaging_product":"whatsapp","to":"%s","type":"text","text":{"body":"hi"},
				 "biz_opaque_callback_data":"%s"}""".formatted(to, "c".repeat(513))), 100, "biz_opaque_callback_data");
		assertDetails(send("{\"messaging_product\":"), 100, "body");

		assertThat(send(text(to, "x".repeat(4096))).statusCode()).isEqualTo(200);
		assertThat(send("""
				{"messaging_product":"whatsapp","to":"+%s","text":{"body":"type defaults to text"},
				 "biz_opaque_callback_data":"%s"}""".formatted(to, "c".repeat(512))).statusCode()).isEqualTo(200);
	}

	@Test
	void enforcesTheLimitsOfInteractiveMessages() throws Exception {
		String to = customer();
		assertDetails(send(buttons(to, "Pick one", button("a", "A"), button("b", "B"), button("c", "C"),
				button("d", "D"))), 131009, "interactive['action']['buttons']");
		assertDetails(send(buttons(to, "Pick one")), 131009, "interactive['action']['buttons']");
		assertDetails(send(buttons(to, "Pick one", button("a", "x".repeat(21)))), 131009,
				"interactive['action']['buttons'][0]['reply']['title']");
		assertDetails(send(buttons(to, "Pick one", button("i".repeat(257), "A"))), 131009,
				"interactive['action']['buttons'][0]['reply']['id']");
		assertDetails(send(buttons(to, "Pick one", button("a", "A"), button("a", "B"))), 131009,
				"interactive['action']['buttons'][1]['reply']['id']");
		assertDetails(send(buttons(to, "b".repeat(1025), button("a", "A"))), 131009,
				"interactive['body']['text']");
		assertDetails(send(buttons(to, "Pick one", "{\"type\":\"reply\",\"reply\":{\"title\":\"A\"}}")), 131008,
				"interactive['action']['buttons'][0]['reply']['id']");

		assertDetails(send(list(to, "Pick", rows(11, 24, 72))), 131009, "rows in total");
		assertDetails(send(list(to, "Pick", rows(1, 25, 72))), 131009, "['rows'][0]['title']");
		assertDetails(send(list(to, "Pick", rows(1, 24, 73))), 131009, "['rows'][0]['description']");
		assertDetails(send(list(to, "x".repeat(21), rows(1, 24, 72))), 131009, "interactive['action']['button']");

		assertThat(send(buttons(to, "b".repeat(1024), button("i".repeat(256), "x".repeat(20)),
				button("b", "y".repeat(20)), button("c", "z".repeat(20)))).statusCode()).isEqualTo(200);
		assertThat(send(list(to, "x".repeat(20), rows(10, 24, 72))).statusCode()).isEqualTo(200);
	}

	@Test
	void answersScriptedFaultsWithTheCorpusShapesThenRecovers() throws Exception {
		long before = stats().path("sendCalls").asLong();
		HttpResponse<String> scripted = post("/sandbox/meta/control/faults", "{\"code\":131047,\"times\":2}");
		assertThat(scripted.statusCode()).isEqualTo(201);
		post("/sandbox/meta/control/faults", "{\"code\":190}");
		post("/sandbox/meta/control/faults",
				"{\"code\":131000,\"httpStatus\":503,\"details\":\"scripted by a test\",\"message\":\"Boom\"}");
		String to = customer();

		HttpResponse<String> first = send(text(to, "one"));
		HttpResponse<String> second = send(text(to, "two"));
		HttpResponse<String> expired = send(text(to, "three"));
		HttpResponse<String> custom = send(text(to, "four"));
		HttpResponse<String> recovered = send(text(to, "five"));

		JsonNode expected = corpus("responses/error-131047").path("error");
		for (HttpResponse<String> response : List.of(first, second)) {
			JsonNode error = assertGraphError(response, 400, 131047);
			assertThat(error.path("message")).isEqualTo(expected.path("message"));
			assertThat(error.path("type")).isEqualTo(expected.path("type"));
			assertThat(error.path("error_data")).isEqualTo(expected.path("error_data"));
		}
		JsonNode token = assertGraphError(expired, 401, 190);
		assertThat(token.path("error_subcode").asInt()).isEqualTo(463);
		assertThat(token.has("error_data")).isFalse();
		JsonNode boom = assertGraphError(custom, 503, 131000);
		assertThat(boom.path("message").stringValue()).isEqualTo("Boom");
		assertThat(boom.path("error_data").path("details").stringValue()).isEqualTo("scripted by a test");
		assertThat(recovered.statusCode()).isEqualTo(200);
		assertThat(get("/sandbox/meta/control/faults").isEmpty()).isTrue();
		assertThat(stats().path("sendCalls").asLong()).isGreaterThanOrEqualTo(before + 5);

		HttpResponse<String> invalid = post("/sandbox/meta/control/faults", "{\"times\":2}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void refusesRequestsBeyondTheNumbersThroughput() throws Exception {
		options("{\"autoStatuses\":false}");
		Thread.sleep(1100);
		long before = stats().path("rateLimited").asLong();
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			calls.add(http.sendAsync(HttpRequest.newBuilder(messagesUrl(ACME_PHONE_NUMBER_ID))
					.header("Authorization", "Bearer " + ACME_TOKEN).header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(text(customer(), "burst " + i))).build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		int accepted = 0;
		int limited = 0;
		for (CompletableFuture<HttpResponse<String>> call : calls) {
			HttpResponse<String> response = call.join();
			if (response.statusCode() == 200) {
				accepted++;
			}
			else {
				JsonNode error = assertGraphError(response, 400, 130429);
				assertThat(error.path("message").stringValue()).isEqualTo("(#130429) Rate limit hit");
				assertThat(error.path("error_data").path("details").stringValue())
						.isEqualTo("Cloud API message throughput has been reached.");
				limited++;
			}
		}

		assertThat(accepted).isGreaterThanOrEqualTo(80);
		assertThat(limited).isPositive();
		assertThat(stats().path("rateLimited").asLong() - before).isEqualTo(limited);
		Thread.sleep(1100);
		assertThat(send(ACME_PHONE_NUMBER_ID, ACME_TOKEN, text(customer(), "after the burst")).statusCode())
				.isEqualTo(200);
	}

	@Test
	void appliesEachTenantsOwnThroughput() throws Exception {
		options("{\"autoStatuses\":false}");
		Thread.sleep(1100);
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 3 * GLOBEX_MESSAGES_PER_SECOND; i++) {
			calls.add(http.sendAsync(HttpRequest.newBuilder(messagesUrl(GLOBEX_PHONE_NUMBER_ID))
					.header("Authorization", "Bearer globex-access-token").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(text(customer(), "burst " + i))).build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		List<Integer> statuses = calls.stream().map(call -> call.join().statusCode()).toList();

		assertThat(statuses.stream().filter(status -> status == 200).count()).isBetween(1L,
				(long) GLOBEX_MESSAGES_PER_SECOND * 2);
		assertThat(statuses.stream().filter(status -> status == 400).count())
				.isGreaterThanOrEqualTo(GLOBEX_MESSAGES_PER_SECOND);
	}

	@Test
	void sendsSignedStatusWebhooksTheApplicationAccepts() throws Exception {
		String to = customer();
		String callback = "cb-" + to;
		HttpResponse<String> response = send("""
				{"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"text",
				 "text":{"preview_url":false,"body":"Your parcel is on its way"},"biz_opaque_callback_data":"%s"}"""
				.formatted(to, callback));
		String wamid = json.readTree(response.body()).path("messages").get(0).path("id").stringValue();
		long webhooks = stats().path("statusWebhooks").asLong();

		JsonNode sent = awaitSent(callback, s -> s.path("statuses").size() >= 2);

		assertThat(sent.path("wamid").stringValue()).isEqualTo(wamid);
		assertThat(sent.path("statuses").findValuesAsString("status")).containsExactly("sent", "delivered");
		for (JsonNode status : sent.path("statuses")) {
			assertThat(status.path("webhookStatus").asInt()).as(status.toString()).isEqualTo(200);
		}
		assertThat(stats().path("statusWebhooks").asLong()).isGreaterThanOrEqualTo(webhooks + 2);

		JsonNode inbox = get("/sandbox/meta/customer/inbox?to=" + to);
		assertThat(inbox.size()).isEqualTo(1);
		assertThat(inbox.get(0).path("wamid").stringValue()).isEqualTo(wamid);
		assertThat(inbox.get(0).path("text").stringValue()).isEqualTo("Your parcel is on its way");
		assertThat(inbox.get(0).path("status").stringValue()).isEqualTo("delivered");

		HttpResponse<String> read = post("/sandbox/meta/customer/read", "{\"wamid\":\"" + wamid + "\"}");
		assertThat(read.statusCode()).isEqualTo(202);
		sent = awaitSent(callback, s -> s.path("statuses").size() >= 3);
		assertThat(sent.path("statuses").findValuesAsString("status")).containsExactly("sent", "delivered", "read");
		assertThat(sent.path("statuses").get(2).path("webhookStatus").asInt()).isEqualTo(200);
		assertThat(get("/sandbox/meta/customer/inbox?to=" + to).get(0).path("status").stringValue())
				.isEqualTo("read");
		post("/sandbox/meta/customer/read", "{\"wamid\":\"" + wamid + "\"}");
		Thread.sleep(300);
		assertThat(awaitSent(callback, s -> true).path("statuses").size()).isEqualTo(3);
		assertThat(post("/sandbox/meta/customer/read", "{\"wamid\":\"wamid.UNKNOWN\"}").statusCode()).isEqualTo(400);
	}

	@Test
	void sendsStatusesOnDemandInAnyOrder() throws Exception {
		options("{\"autoStatuses\":false}");
		String to = customer();
		String callback = "cb-" + to;
		HttpResponse<String> response = send(SANDBOX_NUMBER, SANDBOX_TOKEN, """
				{"messaging_product":"whatsapp","to":"%s","type":"text","text":{"body":"hi"},
				 "biz_opaque_callback_data":"%s"}""".formatted(to, callback));
		String wamid = json.readTree(response.body()).path("messages").get(0).path("id").stringValue();

		JsonNode read = json.readTree(post("/sandbox/meta/control/statuses",
				"{\"wamid\":\"" + wamid + "\",\"status\":\"read\"}").body());
		JsonNode delivered = json.readTree(post("/sandbox/meta/control/statuses",
				"{\"wamid\":\"" + wamid + "\",\"status\":\"delivered\"}").body());
		JsonNode failed = json.readTree(post("/sandbox/meta/control/statuses",
				"{\"wamid\":\"" + wamid + "\",\"status\":\"failed\",\"errorCode\":131047}").body());

		assertThat(read.path("webhookStatus").asInt()).isEqualTo(200);
		assertThat(delivered.path("webhookStatus").asInt()).isEqualTo(200);
		assertThat(failed.path("webhookStatus").asInt()).isEqualTo(200);
		assertThat(failed.path("errorCode").asInt()).isEqualTo(131047);
		Thread.sleep(500);
		JsonNode sent = awaitSent(callback, s -> true);
		assertThat(sent.path("statuses").findValuesAsString("status")).containsExactly("read", "delivered", "failed");

		HttpResponse<String> unknown = post("/sandbox/meta/control/statuses",
				"{\"wamid\":\"wamid.UNKNOWN\",\"status\":\"read\"}");
		HttpResponse<String> invalid = post("/sandbox/meta/control/statuses",
				"{\"wamid\":\"" + wamid + "\",\"status\":\"played\"}");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void marksMessagesCustomersSentRead() throws Exception {
		String customer = customer();
		HttpResponse<String> wrote = post("/sandbox/meta/customer/messages", """
				{"from":"%s","name":"Ana","text":"Hello"}""".formatted(customer));
		String wamid = json.readTree(wrote.body()).path("wamid").stringValue();
		long before = stats().path("markReadCalls").asLong();

		HttpResponse<String> read = send("""
				{"messaging_product":"whatsapp","status":"read","message_id":"%s","typing_indicator":{"type":"text"}}"""
				.formatted(wamid));
		HttpResponse<String> unknown = send("""
				{"messaging_product":"whatsapp","status":"read","message_id":"wamid.NEVERSENT"}""");
		HttpResponse<String> foreign = send(ACME_PHONE_NUMBER_ID, ACME_TOKEN, """
				{"messaging_product":"whatsapp","status":"read","message_id":"%s"}""".formatted(wamid));

		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(json.readTree(read.body())).isEqualTo(corpus("responses/success-mark-as-read"));
		assertGraphError(unknown, 400, 100);
		assertGraphError(foreign, 400, 100);
		assertThat(stats().path("markReadCalls").asLong()).isGreaterThanOrEqualTo(before + 3);
		assertThat(get("/sandbox/meta/customer/messages?from=" + customer).get(0).path("readAt").stringValue())
				.isNotBlank();
	}

	@Test
	void refusesFreeFormMessagesOutsideTheWindowWhenEnforced() throws Exception {
		options("{\"enforceWindow\":true,\"autoStatuses\":false}");
		String customer = customer();

		HttpResponse<String> closed = send(text(customer, "hello?"));
		HttpResponse<String> template = send(corpusTo("09-template-header-body-button", customer));
		post("/sandbox/meta/customer/messages", "{\"from\":\"%s\",\"text\":\"Hi there\"}".formatted(customer));
		HttpResponse<String> open = send(text(customer, "Hi! How can we help?"));

		JsonNode error = assertGraphError(closed, 400, 131047);
		assertThat(error).isEqualTo(withTrace(corpus("responses/error-131047").path("error"), error));
		assertThat(template.statusCode()).as(template.body()).isEqualTo(200);
		assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
	}

	@Test
	void showsInteractiveMessagesToTheCustomer() throws Exception {
		options("{\"autoStatuses\":false}");
		String to = customer();

		send(buttons(to, "Was this helpful?", button("yes", "Yes, thanks"), button("no", "No")));
		send(corpusTo("11-interactive-list", to));

		JsonNode inbox = get("/sandbox/meta/customer/inbox?to=" + to);
		assertThat(inbox.size()).isEqualTo(2);
		assertThat(inbox.get(0).path("text").stringValue()).isEqualTo("Was this helpful?");
		assertThat(inbox.get(0).path("buttons").get(0).stringValue()).isEqualTo("Yes, thanks");
		assertThat(inbox.get(0).path("buttons").get(1).stringValue()).isEqualTo("No");
		assertThat(inbox.get(0).path("status").stringValue()).isEqualTo("accepted");
		assertThat(inbox.get(1).path("type").stringValue()).isEqualTo("interactive");
		assertThat(inbox.get(1).path("text").stringValue()).contains("When should we deliver order AB-1234/2?")
				.contains("Tue 9-12").contains("[Pick a slot]");
	}

	private JsonNode withTrace(JsonNode expected, JsonNode actual) {
		ObjectNode copy = (ObjectNode) expected.deepCopy();
		copy.put("fbtrace_id", actual.path("fbtrace_id").stringValue());
		return copy;
	}

	private JsonNode awaitSent(String callbackData, Predicate<JsonNode> condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			JsonNode found = get("/sandbox/meta/control/sent?callbackData=" + callbackData);
			if (found.size() == 1 && condition.test(found.get(0))) {
				return found.get(0);
			}
			assertThat(System.nanoTime()).as("the simulator reached the expected state: " + found).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private JsonNode assertGraphError(HttpResponse<String> response, int status, int code) throws IOException {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode error = json.readTree(response.body()).path("error");
		assertThat(error.path("code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(error.path("message").stringValue()).isNotBlank();
		assertThat(error.path("type").stringValue()).isNotBlank();
		assertThat(error.path("fbtrace_id").stringValue()).isNotBlank();
		assertThat(response.headers().firstValue("x-fb-trace-id")).isPresent();
		return error;
	}

	private void assertDetails(HttpResponse<String> response, int code, String field) throws IOException {
		JsonNode error = assertGraphError(response, 400, code);
		assertThat(error.path("error_data").path("messaging_product").stringValue()).isEqualTo("whatsapp");
		assertThat(error.path("error_data").path("details").stringValue()).as(response.body()).contains(field);
	}

	private static String text(String to, String body) {
		return """
				{"messaging_product":"whatsapp","recipient_type":"individual","to":"%s","type":"text",
				 "text":{"preview_url":false,"body":"%s"}}""".formatted(to, body);
	}

	private static String button(String id, String title) {
		return "{\"type\":\"reply\",\"reply\":{\"id\":\"" + id + "\",\"title\":\"" + title + "\"}}";
	}

	private static String buttons(String to, String body, String... buttons) {
		return """
				{"messaging_product":"whatsapp","to":"%s","type":"interactive","interactive":{"type":"button",
				 "body":{"text":"%s"},"action":{"buttons":[%s]}}}""".formatted(to, body, String.join(",", buttons));
	}

	private static String rows(int count, int titleLength, int descriptionLength) {
		List<String> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add("{\"id\":\"row" + i + "\",\"title\":\"" + "t".repeat(titleLength) + "\",\"description\":\""
					+ "d".repeat(descriptionLength) + "\"}");
		}
		return String.join(",", rows);
	}

	private static String list(String to, String button, String rows) {
		return """
				{"messaging_product":"whatsapp","to":"%s","type":"interactive","interactive":{"type":"list",
				 "body":{"text":"Pick a slot"},"action":{"button":"%s","sections":[{"title":"Slots","rows":[%s]}]}}}"""
				.formatted(to, button, rows);
	}

	private JsonNode corpus(String name) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/conformance/whatsapp/outbound/" + name + ".json")) {
			assertThat(in).as(name).isNotNull();
			return json.readTree(in);
		}
	}

	private String corpusTo(String name, String to) throws IOException {
		return ((ObjectNode) corpus(name)).put("to", to).toString();
	}

	private void options(String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/sandbox/meta/control/options"))
				.header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private static URI messagesUrl(String phoneNumberId) {
		return url("/sandbox/meta/graph/v23.0/" + phoneNumberId + "/messages");
	}

	private HttpResponse<String> send(String body) throws Exception {
		return send(SANDBOX_NUMBER, SANDBOX_TOKEN, body);
	}

	private HttpResponse<String> send(String phoneNumberId, String token, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(messagesUrl(phoneNumberId))
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
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private JsonNode stats() throws Exception {
		return get("/sandbox/meta/control/stats");
	}

	private JsonNode find(JsonNode sent, String wamid) {
		for (JsonNode send : sent) {
			if (send.path("wamid").stringValue().equals(wamid)) {
				return send;
			}
		}
		throw new AssertionError("no send " + wamid + " in " + sent);
	}

	private static String customer() {
		return "4477009" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
	}
}
