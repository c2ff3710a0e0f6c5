package io.switchboard.relay.inbound;

import static io.switchboard.MetaWebhooks.SANDBOX_APP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.DatabaseOutage;
import io.switchboard.MetaWebhooks;
import io.switchboard.platform.Secret;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbound relay end to end over real HTTP: Meta-signed webhooks in, Genesys simulator calls out.
 */
class InboundRelayIntegrationTests extends AbstractIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GenesysSimulatorClient genesys = new GenesysSimulatorClient(PORT);

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void clearFaults() {
		genesys.clearFaults();
	}

	@Test
	void verificationHandshakeAnswersWithTheChallenge() throws Exception {
		HttpResponse<String> response = get("/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=sandbox-verify-token"
				+ "&hub.challenge=1158201444");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("1158201444");
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("text/plain"));
	}

	@Test
	void verificationWithAWrongTokenOrModeIsRefused() throws Exception {
		assertThat(get("/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1").statusCode())
				.isEqualTo(403);
		assertThat(get("/webhook/whatsapp?hub.mode=unsubscribe&hub.verify_token=sandbox-verify-token&hub.challenge=1")
				.statusCode()).isEqualTo(403);
	}

	@Test
	void signedTextReachesGenesysExactlyOnce() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		assertThat(post(MetaWebhooks.text("447700900301", "Maria Lopez", wamid, "Where is my parcel?"),
				SANDBOX_APP_SECRET).statusCode()).isEqualTo(200);

		JsonNode message = genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE).getFirst();
		JsonNode body = message.get("body");
		assertThat(body.at("/channel/from/id").asString()).isEqualTo("447700900301");
		assertThat(body.at("/channel/from/idType").asString()).isEqualTo("Phone");
		assertThat(body.at("/channel/from/nickname").asString()).isEqualTo("Maria Lopez");
		assertThat(body.at("/channel/messageId").asString()).isEqualTo(wamid);
		assertThat(body.get("text").asString()).isEqualTo("Where is my parcel?");
		assertThat(message.get("warnings")).isEmpty();

		JsonNode entry = awaitLedger(wamid, "RELAYED");
		assertThat(entry.get("genesysMessageId").asString()).isEqualTo(message.get("id").asString());
		assertThat(entry.get("conversationId").asString()).isEqualTo(message.get("conversationId").asString());
		JsonNode conversation = JSON.readTree(api("/api/conversations/447700900301", SANDBOX_API_KEY, "sandbox").body());
		assertThat(conversation.get("destinationConversationId").asString())
			.isEqualTo(message.get("conversationId").asString());
		assertThat(conversation.get("destination").asString()).isEqualTo("genesys");
		assertThat(conversation.get("channelAccount").asString()).isEqualTo(MetaWebhooks.SANDBOX_PHONE_NUMBER_ID);
		assertThat(conversation.get("id").asString()).hasSize(36);
		assertThat(conversation.get("contactName").asString()).isEqualTo("Maria Lopez");
	}

	@Test
	void theSameNotificationFiveTimesReachesGenesysOnce() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		byte[] body = MetaWebhooks.text("447700900302", "Jon", wamid, "hello?");
		for (int i = 0; i < 5; i++) {
			assertThat(post(body, SANDBOX_APP_SECRET).statusCode()).isEqualTo(200);
		}
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		GenesysSimulatorClient.sleep(Duration.ofMillis(700));
		assertThat(genesys.messagesWithId(wamid)).hasSize(1);
		assertThat(storedEvents(wamid)).isEqualTo(1);
	}

	@Test
	void everySignatureRefusalIsTheSameAnswerWhateverItsReasonAndNothingIsStored() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		byte[] body = MetaWebhooks.text("447700900303", "Eve", wamid, "forged");
		byte[] unknown = MetaWebhooks.text("199999999999998", "447700900303", "Eve", wamid, "forged");
		storeInactiveTenant(jdbc);
		byte[] inactive = MetaWebhooks.text(INACTIVE_PHONE_NUMBER_ID, "447700900303", "Eve", wamid, "forged");
		URI webhook = url("/webhook/whatsapp");
		Secret noTenants = Secret.of("a-secret-no-tenant-has-0000");
		List<HttpRequest> forged = List.of(MetaWebhooks.post(webhook, body, null),
				MetaWebhooks.post(webhook, body, "sha256=" + "A".repeat(64)),
				MetaWebhooks.post(webhook, body, "sha1=" + "0".repeat(40)),
				MetaWebhooks.post(webhook, body, "sha256=" + "0".repeat(64)),
				MetaWebhooks.signed(webhook, body, Secret.of("not-the-app-secret")),
				MetaWebhooks.signed(webhook, body, ACME_APP_SECRET),
				MetaWebhooks.post(webhook, unknown, null),
				MetaWebhooks.signed(webhook, unknown, noTenants),
				MetaWebhooks.signed(webhook, "{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.US_ASCII), noTenants),
				MetaWebhooks.signed(webhook, inactive, noTenants));
		Set<String> answers = new LinkedHashSet<>();
		for (HttpRequest request : forged) {
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			answers.add(HexFormat.of().formatHex(response.body()));
		}
		assertThat(answers).as("byte-identical problem bodies").hasSize(1);
		JsonNode problem = JSON.readTree(HexFormat.of().parseHex(answers.iterator().next()));
		assertThat(problem.get("type").asString()).isEqualTo("https://switchboard.example/problems/invalid-signature");
		assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
		assertThat(problem.get("detail").asString()).isEqualTo("X-Hub-Signature-256 is missing or does not match the body.");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(storedEvents(wamid)).isZero();
		assertThat(genesys.messagesWithId(wamid)).isEmpty();
	}

	@Test
	void malformedJsonWithAValidSignatureIsAProblemAndNothingIsStored() throws Exception {
		byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[".getBytes(StandardCharsets.US_ASCII);
		long before = jdbc.sql("select count(*) from whatsapp_webhook_payloads").query(Long.class).single();
		HttpResponse<String> response = post(body, SANDBOX_APP_SECRET);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("type").asString()).endsWith("/malformed-webhook");
		assertThat(jdbc.sql("select count(*) from whatsapp_webhook_payloads").query(Long.class).single())
				.isEqualTo(before);
	}

	@Test
	void aVerifiedNotificationThatGivesAKeyTwiceIsRefusedAndNothingIsStored() throws Exception {
		String first = MetaWebhooks.newWamid();
		String second = MetaWebhooks.newWamid();
		byte[] body = new String(MetaWebhooks.text("447700900311", "Twice", first, "which one?"), StandardCharsets.US_ASCII)
				.replace("\"id\":\"" + first + "\"", "\"id\":\"" + first + "\",\"id\":\"" + second + "\"")
				.getBytes(StandardCharsets.US_ASCII);
		long before = jdbc.sql("select count(*) from whatsapp_webhook_payloads").query(Long.class).single();
		HttpResponse<String> response = post(body, SANDBOX_APP_SECRET);
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).endsWith("/invalid-webhook");
		assertThat(problem.get("detail").asString()).contains("same key twice").doesNotContain(first)
				.doesNotContain("\"id\"");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(storedEvents(first) + storedEvents(second)).isZero();
		assertThat(jdbc.sql("select count(*) from whatsapp_webhook_payloads").query(Long.class).single())
				.isEqualTo(before);
		assertThat(genesys.messagesWithId(first)).isEmpty();
		assertThat(genesys.messagesWithId(second)).isEmpty();
	}

	@Test
	void aPhoneNumberIdGivenTwiceAddressesBothNumbersSoTheSignatureMustVerifyForBoth() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		String sandboxNumber = "\"phone_number_id\":\"" + MetaWebhooks.SANDBOX_PHONE_NUMBER_ID + "\"";
		byte[] body = new String(MetaWebhooks.text("447700900312", "Two-faced", wamid, "route me"),
				StandardCharsets.US_ASCII)
				.replace(sandboxNumber, "\"phone_number_id\":\"" + ACME_PHONE_NUMBER_ID + "\"," + sandboxNumber)
				.getBytes(StandardCharsets.US_ASCII);
		assertThat(post(body, SANDBOX_APP_SECRET).statusCode()).isEqualTo(401);
		assertThat(post(body, ACME_APP_SECRET).statusCode()).isEqualTo(401);
		assertThat(storedEvents(wamid)).isZero();
	}

	@Test
	void itemsWithoutAnIdOrASenderAreCountedAndSkippedAndTheValidOnesRelayed() throws Exception {
		double skippedBefore = skippedItems("message") + skippedItems("status");
		long emptyKeysBefore = emptyProviderKeys();
		for (int round = 0; round < 2; round++) {
			String valid = MetaWebhooks.newWamid();
			String senderless = MetaWebhooks.newWamid();
			byte[] body = MetaWebhooks.items(MetaWebhooks.SANDBOX_PHONE_NUMBER_ID,
					List.of(MetaWebhooks.textMessage("447700900313", null, "no id"),
							MetaWebhooks.textMessage(null, senderless, "no sender"),
							MetaWebhooks.textMessage("447700900313", valid, "the good one " + round)),
					List.of(MetaWebhooks.statusItem(null, "delivered", "447700900313"),
							MetaWebhooks.statusItem(MetaWebhooks.newWamid(), "delivered", null)));
			assertThat(post(body, SANDBOX_APP_SECRET).statusCode()).isEqualTo(200);
			genesys.awaitMessages(valid, m -> m.size() == 1, PATIENCE);
			assertThat(storedEvents(valid)).isEqualTo(1);
			assertThat(storedEvents(senderless)).isZero();
		}
		assertThat(emptyProviderKeys()).isEqualTo(emptyKeysBefore);
		assertThat(skippedItems("message") + skippedItems("status") - skippedBefore).isEqualTo(8.0);
	}

	@Test
	void aNotificationWithNothingValidIsRefusedNamingWhatIsMissingAndNothingIsStored() throws Exception {
		String senderless = MetaWebhooks.newWamid();
		byte[] body = MetaWebhooks.items(MetaWebhooks.SANDBOX_PHONE_NUMBER_ID,
				List.of(MetaWebhooks.textMessage("447700900314", null, "secret words"),
						MetaWebhooks.textMessage(null, senderless, "more secret words")),
				List.of(MetaWebhooks.statusItem(MetaWebhooks.newWamid(), "read", null)));
		long before = jdbc.sql("select count(*) from whatsapp_webhook_payloads").query(Long.class).single();
		HttpResponse<String> response = post(body, SANDBOX_APP_SECRET);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("https://switchboard.example/problems/invalid-webhook");
		assertThat(problem.get("detail").asString()).contains("messages[].id is missing")
				.contains("messages[].from (or from_user_id) is missing")
				.contains("statuses[].recipient_id (or recipient_user_id) is missing");
		assertThat(response.body()).doesNotContain("secret words").doesNotContain(senderless)
				.doesNotContain("447700900314");
		assertThat(jdbc.sql("select count(*) from whatsapp_webhook_payloads").query(Long.class).single())
				.isEqualTo(before);
		assertThat(storedEvents(senderless)).isZero();
	}

	@Test
	void identifiersLongerThan256CharactersAreRefusedNotAServerError() throws Exception {
		String longWamid = "wamid." + "A".repeat(6_000);
		String longSender = "4".repeat(257);
		HttpResponse<String> alone = post(MetaWebhooks.text("447700900315", "Long", longWamid, "hi"), SANDBOX_APP_SECRET);
		assertThat(alone.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(alone.body()).get("detail").asString())
				.contains("messages[].id is longer than 256 characters");
		assertThat(alone.body()).doesNotContain("AAAA");

		HttpResponse<String> sender = post(MetaWebhooks.text(longSender, "Long", MetaWebhooks.newWamid(), "hi"),
				SANDBOX_APP_SECRET);
		assertThat(sender.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(sender.body()).get("detail").asString())
				.contains("messages[].from is longer than 256 characters");

		String valid = MetaWebhooks.newWamid();
		byte[] batch = MetaWebhooks.items(MetaWebhooks.SANDBOX_PHONE_NUMBER_ID,
				List.of(MetaWebhooks.textMessage("447700900315", longWamid, "too long"),
						MetaWebhooks.textMessage("447700900315", valid, "just right")),
				List.of(MetaWebhooks.statusItem(MetaWebhooks.newWamid(), "d".repeat(300), "447700900315")));
		assertThat(post(batch, SANDBOX_APP_SECRET).statusCode()).isEqualTo(200);
		genesys.awaitMessages(valid, m -> m.size() == 1, PATIENCE);
		assertThat(jdbc.sql("select count(*) from whatsapp_inbound_events where length(provider_key) > 256")
				.query(Long.class).single()).isZero();

		HttpResponse<String> number = post(MetaWebhooks.text("1".repeat(300), "447700900315", "Long",
				MetaWebhooks.newWamid(), "hi"), SANDBOX_APP_SECRET);
		assertThat(number.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(number.body()).get("detail").asString())
				.contains("metadata.phone_number_id is longer than 256 characters");
	}

	@Test
	void bodiesUpToThreeMegabytesAreAcceptedAndLargerOnesAreNot() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		byte[] base = MetaWebhooks.text("447700900304", "Big", wamid, "padded");
		String json = new String(base, StandardCharsets.US_ASCII);
		int limit = 3 * 1024 * 1024;
		String prefix = json.substring(0, json.length() - 1) + ",\"padding\":\"";
		String exact = prefix + "x".repeat(limit - prefix.length() - 2) + "\"}";
		assertThat(exact.length()).isEqualTo(limit);
		assertThat(post(exact.getBytes(StandardCharsets.US_ASCII), SANDBOX_APP_SECRET).statusCode()).isEqualTo(200);
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);

		byte[] tooLarge = Arrays.copyOf(exact.getBytes(StandardCharsets.US_ASCII), limit + 1);
		tooLarge[limit] = ' ';
		HttpResponse<String> response = post(tooLarge, SANDBOX_APP_SECRET);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("body-too-large");
	}

	@Test
	void unknownPhoneNumberIdIsAcknowledgedAndRoutedNowhere() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		HttpResponse<String> response = post(MetaWebhooks.text("199999999999999", "447700900305", "Lost", wamid, "hi"),
				SANDBOX_APP_SECRET);
		assertThat(response.statusCode()).isEqualTo(200);
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(wamid)).isEmpty();
		assertThat(storedEvents(wamid)).isZero();
		assertThat(http.send(management("/actuator/prometheus").build(), HttpResponse.BodyHandlers.ofString()).body()).contains("switchboard_whatsapp_webhook_items_total{outcome=\"unrouted\"");
	}

	@Test
	void anExpiredTokenIsRefreshedOnceAndTheMessageStillArrives() throws Exception {
		warmUp();
		genesys.expireTokens();
		long tokensBefore = genesys.stats().get("tokensIssued").asLong();
		String wamid = MetaWebhooks.newWamid();
		post(MetaWebhooks.text("447700900306", "Tok", wamid, "after expiry"), SANDBOX_APP_SECRET);
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		assertThat(genesys.stats().get("tokensIssued").asLong()).isEqualTo(tokensBefore + 1);
		awaitLedger(wamid, "RELAYED");
	}

	@Test
	void aRateLimitedCallIsRetriedAfterRetryAfterAndDeliveredOnce() throws Exception {
		warmUp();
		long callsBefore = genesys.stats().get("messageCalls").asLong();
		genesys.fault("message", 429, 1, 1);
		String wamid = MetaWebhooks.newWamid();
		long sent = System.nanoTime();
		post(MetaWebhooks.text("447700900307", "Rita", wamid, "busy?"), SANDBOX_APP_SECRET);
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(wamid)).hasSize(1);
		assertThat(genesys.stats().get("messageCalls").asLong()).isEqualTo(callsBefore + 2);
	}

	@Test
	void aGenesysRejectionLeavesAFailedMessageWithItsReason() throws Exception {
		warmUp();
		genesys.fault("message", 400, 0, 1);
		String wamid = MetaWebhooks.newWamid();
		post(MetaWebhooks.text("447700900308", "Rex", wamid, "rejected"), SANDBOX_APP_SECRET);
		JsonNode entry = awaitLedger(wamid, "FAILED");
		assertThat(entry.get("failureReason").asString()).startsWith("Genesys 400").contains("scripted by a test");
		assertThat(genesys.messagesWithId(wamid)).isEmpty();
		JsonNode failed = JSON.readTree(api("/api/messages?status=FAILED", SANDBOX_API_KEY, "sandbox").body());
		assertThat(failed.valueStream().map(e -> e.get("whatsappMessageId").asString())).contains(wamid);
	}

	/**
	 * Before retries were bounded by time, 8 attempts of 4 calls each (32 failed calls, about 12 s in production) made
	 * a message FAILED. An outage of 40 failed calls must not.
	 */
	@Test
	void aGenesysOutageLongerThanTheOldGiveUpPointIsDeliveredOnceAfterwards() throws Exception {
		warmUp();
		genesys.fault("message", 503, 0, 40);
		String wamid = MetaWebhooks.newWamid();
		post(MetaWebhooks.text("447700900310", "Olga", wamid, "through the outage"), SANDBOX_APP_SECRET);
		genesys.awaitMessages(wamid, m -> m.size() == 1, Duration.ofSeconds(60));
		awaitLedger(wamid, "RELAYED");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(wamid)).hasSize(1);
		assertThat(jdbc.sql("select count(*) from work_items where status = 'FAILED' and payload::text like ?")
				.param("%" + wamid + "%").query(Long.class).single()).isZero();
	}

	@Test
	void anOutageShowsInTheBacklogMetricsAndHealthWithAnAlertUntilItIsOver() throws Exception {
		warmUp();
		genesys.fault("message", 503, 0, 1_000);
		String wamid = MetaWebhooks.newWamid();
		post(MetaWebhooks.text("447700900312", "Bea", wamid, "waiting"), SANDBOX_APP_SECRET);
		JsonNode backlog = awaitHealth(health -> "WARNING".equals(health.path("status").asString()));
		JsonNode inbound = backlog.at("/details/inbound-whatsapp-messages");
		assertThat(inbound.get("waiting").asLong()).isPositive();
		assertThat(inbound.get("oldestWaitSeconds").asLong()).isGreaterThanOrEqualTo(2);
		HttpResponse<String> forOperators = api("/api/admin/work/backlog", ADMIN_API_KEY, "sandbox");
		assertThat(forOperators.statusCode()).isEqualTo(200);
		JsonNode admin = JSON.readTree(forOperators.body());
		assertThat(admin.get("alerting").asBoolean()).isTrue();
		assertThat(admin.get("channels").valueStream()
			.filter(c -> c.get("channel").asString().equals("inbound-whatsapp-messages"))
			.map(c -> c.get("waiting").asLong())).singleElement().satisfies(waiting -> assertThat(waiting).isPositive());
		assertThat(api("/api/admin/work/backlog", SANDBOX_API_KEY, "sandbox").statusCode()).isEqualTo(401);
		HttpResponse<String> health = http.send(HttpRequest.newBuilder(url("/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		String metrics = http.send(management("/actuator/prometheus").build(),
				HttpResponse.BodyHandlers.ofString()).body();
		assertThat(metrics).containsPattern("switchboard_work_backlog\\{.*channel=\"inbound-whatsapp-messages\".*} [1-9]")
				.containsPattern("switchboard_work_backlog_oldest_seconds\\{.*channel=\"inbound-whatsapp-messages\".*} [1-9]");

		genesys.clearFaults();
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		awaitHealth(component -> "UP".equals(component.path("status").asString()));
	}

	private JsonNode awaitHealth(java.util.function.Predicate<JsonNode> condition) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			JsonNode component = JSON.readTree(http.send(management("/actuator/health").build(),
					HttpResponse.BodyHandlers.ofString()).body()).at("/components/workBacklog");
			if (condition.test(component)) {
				return component;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the backlog's health never matched: " + component);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(200));
		}
	}

	@Test
	void aLedgerWriteThatFailsAfterGenesysAcceptedIsRetriedWithoutSendingAgain() throws Exception {
		warmUp();
		String wamid = MetaWebhooks.newWamid();
		DatabaseOutage outage = DatabaseOutage.onRelayed(jdbc, "meta_message_id", wamid, 3);
		try {
			post(MetaWebhooks.text("447700900311", "Lee", wamid, "recorded late"), SANDBOX_APP_SECRET);
			awaitLedger(wamid, "RELAYED");
			assertThat(outage.tripped()).isEqualTo(3);
			GenesysSimulatorClient.sleep(Duration.ofMillis(500));
			assertThat(genesys.messagesWithId(wamid)).hasSize(1);
		}
		finally {
			outage.end();
		}
	}

	@Test
	void aWebhookThatMeetsADatabaseOutageIsAnsweredServiceUnavailableAndAcceptedWhenRedelivered() throws Exception {
		warmUp();
		String wamid = MetaWebhooks.newWamid();
		byte[] webhook = MetaWebhooks.text("447700900313", "Dora", wamid, "during a database outage");
		DatabaseOutage outage = DatabaseOutage.onInsert(jdbc, "whatsapp_webhook_payloads", 1);
		try {
			HttpResponse<String> refused = post(webhook, SANDBOX_APP_SECRET);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(JSON.readTree(refused.body()).get("type").asString()).endsWith("/temporarily-unavailable");
			assertThat(refused.body()).doesNotContain("57P01").doesNotContain("administrator");
			assertThat(outage.tripped()).isEqualTo(1);
		}
		finally {
			outage.end();
		}
		assertThat(post(webhook, SANDBOX_APP_SECRET).statusCode()).isEqualTo(200);
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
	}

	@Test
	void theStateApiNeedsTheTenantsOwnKey() throws Exception {
		assertThat(api("/api/conversations", null, "sandbox").statusCode()).isEqualTo(401);
		assertThat(api("/api/conversations", "wrong", "sandbox").statusCode()).isEqualTo(401);
		assertThat(api("/api/conversations", ACME_API_KEY, "sandbox").statusCode()).isEqualTo(401);
		assertThat(api("/api/conversations", SANDBOX_API_KEY, "sandbox").statusCode()).isEqualTo(200);
		String wamid = MetaWebhooks.newWamid();
		post(MetaWebhooks.text("447700900309", "Only Sandbox", wamid, "mine"), SANDBOX_APP_SECRET);
		awaitLedger(wamid, "RELAYED");
		HttpResponse<String> acme = api("/api/conversations?limit=500", ACME_API_KEY, "acme");
		assertThat(acme.statusCode()).isEqualTo(200);
		assertThat(acme.body()).doesNotContain("447700900309");
		assertThat(api("/api/conversations/447700900309", ACME_API_KEY, "acme").statusCode()).isEqualTo(404);
		assertThat(api("/api/messages?limit=500", ACME_API_KEY, "acme").body()).doesNotContain(wamid);
		assertThat(api("/api/messages?limit=0", SANDBOX_API_KEY, "sandbox").statusCode()).isEqualTo(400);
	}

	private void warmUp() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		post(MetaWebhooks.text("447700900300", "Warm", wamid, "warm-up"), SANDBOX_APP_SECRET);
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
	}

	private JsonNode awaitLedger(String wamid, String status) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			JsonNode entries = JSON.readTree(api("/api/messages?limit=500", SANDBOX_API_KEY, "sandbox").body());
			for (JsonNode entry : entries) {
				if (wamid.equals(entry.get("whatsappMessageId").asString())
						&& status.equals(entry.get("status").asString())) {
					return entry;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("ledger shows no " + status + " entry for " + wamid + ": " + entries);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(100));
		}
	}

	private long emptyProviderKeys() {
		return jdbc.sql("select count(*) from whatsapp_inbound_events where provider_key in ('', ':delivered', ':read') "
				+ "or wamid = ''").query(Long.class).single();
	}

	private double skippedItems(String kind) throws IOException, InterruptedException {
		String metrics = http.send(management("/actuator/prometheus").build(), HttpResponse.BodyHandlers.ofString())
				.body();
		return metrics.lines().filter(line -> line.startsWith("switchboard_whatsapp_webhook_items_total{")
				&& line.contains("kind=\"" + kind + "\"") && line.contains("outcome=\"skipped_invalid\""))
				.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
	}

	private long storedEvents(String wamid) {
		return jdbc.sql("select count(*) from whatsapp_inbound_events where wamid = ?").param(wamid)
				.query(Long.class).single();
	}

	private HttpResponse<String> post(byte[] body, Secret secret) throws IOException, InterruptedException {
		return http.send(MetaWebhooks.signed(url("/webhook/whatsapp"), body, secret),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(url(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> api(String path, String key, String tenant) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("X-Tenant-ID", tenant).GET();
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
