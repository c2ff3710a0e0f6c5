package io.switchboard.relay.outbound;

import static io.switchboard.GenesysWebhookPayloads.SANDBOX_WEBHOOK_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.GenesysWebhookPayloads;
import io.switchboard.DatabaseOutage;
import io.switchboard.MetaSimulatorClient;
import io.switchboard.MetaWebhooks;
import io.switchboard.platform.Secret;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbound relay end to end over real HTTP: Genesys-signed webhooks in, Cloud API sends out, statuses back in as
 * WhatsApp webhooks and out again as Genesys receipts.
 */
class OutboundRelayIntegrationTests extends AbstractIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);
	private static final Duration OUTAGE_PATIENCE = Duration.ofSeconds(60);
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final AtomicInteger CUSTOMERS = new AtomicInteger(500);

	private final GenesysSimulatorClient genesys = new GenesysSimulatorClient(PORT);
	private final MetaSimulatorClient meta = new MetaSimulatorClient(PORT);

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void reset() {
		meta.clearFaults();
		meta.autoStatuses(true);
	}

	@Test
	void aSignedAgentTextLeadsToExactlyOneSendAndADeliveredReceipt() throws Exception {
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		assertThat(postGenesys(GenesysWebhookPayloads.text(id, customer, "Your parcel ships today: https://t.example/1"))
				.statusCode()).isEqualTo(200);

		JsonNode sent = meta.awaitSent(id, s -> s.size() == 1, PATIENCE).getFirst();
		JsonNode body = sent.get("body");
		assertThat(body.get("to").asString()).isEqualTo(customer);
		assertThat(body.get("type").asString()).isEqualTo("text");
		assertThat(body.at("/text/body").asString()).isEqualTo("Your parcel ships today: https://t.example/1");
		assertThat(body.at("/text/preview_url").asBoolean()).isTrue();

		List<JsonNode> receipts = awaitReceipts(id, r -> r.size() == 1);
		assertThat(receipts.getFirst().at("/body/status").asString()).isEqualTo("Delivered");
		assertThat(receipts.getFirst().at("/body/channel/to/id").asString()).isEqualTo(customer);
		JsonNode entry = awaitLedgerByGenesysId(id, "DELIVERED");
		assertThat(entry.get("whatsappMessageId").asString()).isEqualTo(sent.get("wamid").asString());
		GenesysSimulatorClient.sleep(Duration.ofMillis(700));
		assertThat(receiptsFor(id)).hasSize(1);
	}

	@Test
	void fiveDeliveriesOfOneWebhookSendOnce() throws Exception {
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		byte[] webhook = GenesysWebhookPayloads.text(id, customer, "once only");
		for (int i = 0; i < 5; i++) {
			assertThat(postGenesys(webhook).statusCode()).isEqualTo(200);
		}
		meta.awaitSent(id, s -> s.size() == 1, PATIENCE);
		GenesysSimulatorClient.sleep(Duration.ofMillis(700));
		assertThat(meta.sentWithCallback(id)).hasSize(1);
	}

	@Test
	void everySignatureRefusalIsTheSameAnswerWhateverItsReasonAndNothingIsSent() throws Exception {
		storeInactiveTenant(jdbc);
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		URI webhook = url("/webhook/genesys/outbound");
		byte[] ours = GenesysWebhookPayloads.text(id, customer, "forged");
		Secret unknownSecret = Secret.of("the-unknown-integrations-own-secret");
		byte[] unknown = GenesysWebhookPayloads.text("0e9d8c7b-6a5f-4e3d-8c1b-0a9f8e7d6c5b", id, customer, "Phone",
				"not ours");
		byte[] inactive = GenesysWebhookPayloads.text(INACTIVE_INTEGRATION, id, customer, "Phone", "retired");
		byte[] unnamed = new String(ours, StandardCharsets.UTF_8)
				.replace("\"id\":\"" + GenesysWebhookPayloads.SANDBOX_INTEGRATION + "\",", "")
				.getBytes(StandardCharsets.UTF_8);
		List<HttpRequest> forged = List.of(GenesysWebhookPayloads.post(webhook, ours, null),
				GenesysWebhookPayloads.post(webhook, ours, "sha256=not base64!"),
				GenesysWebhookPayloads.post(webhook, ours, MetaWebhooks.signed(url("/"), ours, SANDBOX_WEBHOOK_SECRET)
						.headers().firstValue("X-Hub-Signature-256").orElseThrow()),
				GenesysWebhookPayloads.signed(webhook, ours, Secret.of("guessed-secret")),
				GenesysWebhookPayloads.signed(webhook, ours, GLOBEX_WEBHOOK_SECRET),
				GenesysWebhookPayloads.signed(webhook, unknown, unknownSecret),
				GenesysWebhookPayloads.post(webhook, unknown, null),
				GenesysWebhookPayloads.signed(webhook, unnamed, SANDBOX_WEBHOOK_SECRET),
				GenesysWebhookPayloads.signed(webhook, inactive, unknownSecret));
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
		assertThat(meta.sentWithCallback(id)).isEmpty();
		assertThat(jdbc.sql("select count(*) from genesys_inbound_events where genesys_message_id = ?").param(id)
				.query(Long.class).single()).isZero();
	}

	@Test
	void aWebhookForAnotherIntegrationIsRefusedLikeAWrongSignature() throws Exception {
		byte[] webhook = GenesysWebhookPayloads.text("0e9d8c7b-6a5f-4e3d-8c1b-0a9f8e7d6c5b",
				GenesysWebhookPayloads.newId(), "447700900101", "Phone", "not ours");
		HttpResponse<String> response = postGenesys(webhook);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("invalid-signature").doesNotContain("0e9d8c7b");
	}

	@Test
	void aVerifiedWebhookThatGivesAKeyTwiceIsRefusedAndNothingIsSent() throws Exception {
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		byte[] webhook = new String(GenesysWebhookPayloads.text(id, customer, "first"), StandardCharsets.UTF_8)
				.replace("\"text\":\"first\"", "\"text\":\"first\",\"text\":\"second\"")
				.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = postGenesys(webhook);
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).endsWith("/invalid-webhook");
		assertThat(problem.get("detail").asString()).contains("same key twice").doesNotContain("\"text\"");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(meta.sentWithCallback(id)).isEmpty();
		assertThat(jdbc.sql("select count(*) from genesys_inbound_events where genesys_message_id = ?").param(id)
				.query(Long.class).single()).isZero();
	}

	@Test
	void aChannelGivenTwiceNamesBothIntegrationsSoTheSignatureMustVerifyForBoth() throws Exception {
		String id = GenesysWebhookPayloads.newId();
		byte[] webhook = new String(GenesysWebhookPayloads.text(id, "447700900101", "route me"), StandardCharsets.UTF_8)
				.replaceFirst("\"channel\":\\{", "\"channel\":{\"id\":\"" + GLOBEX_INTEGRATION + "\"},\"channel\":{")
				.getBytes(StandardCharsets.UTF_8);
		assertThat(postGenesys(webhook).statusCode()).isEqualTo(401);
		assertThat(postGenesys(webhook, GLOBEX_WEBHOOK_SECRET).statusCode()).isEqualTo(401);
		assertThat(jdbc.sql("select count(*) from genesys_inbound_events where genesys_message_id = ?").param(id)
				.query(Long.class).single()).isZero();
	}

	@Test
	void anAgentMessageWithoutAnIdOrACustomerOrWithAnOverlongIdIsRefusedAndTheNextOneStillSent() throws Exception {
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		String message = new String(GenesysWebhookPayloads.text(id, customer, "private words"), StandardCharsets.UTF_8);
		Map<String, String> refused = new LinkedHashMap<>();
		refused.put(message.replace("\"id\":\"" + id + "\",", "").replace("\"messageId\":\"" + id + "\",", ""),
				"id is missing");
		refused.put(message.replace("\"to\":{\"id\":\"" + customer + "\",\"idType\":\"Phone\"},", ""),
				"channel.to.id is missing");
		refused.put(message.replace(customer, "4".repeat(300)), "channel.to.id is longer than 256 characters");
		refused.put(message.replace(id, "f".repeat(6_000)), "id is longer than 256 characters");
		refused.put(message.replace("c0c0c0c0-0000-4000-8000-", "c".repeat(300)),
				"conversationId is longer than 256 characters");
		for (Map.Entry<String, String> body : refused.entrySet()) {
			HttpResponse<String> response = postGenesys(body.getKey().getBytes(StandardCharsets.UTF_8));
			assertThat(response.statusCode()).as(body.getValue()).isEqualTo(400);
			JsonNode problem = JSON.readTree(response.body());
			assertThat(problem.get("type").asString()).isEqualTo("https://switchboard.example/problems/invalid-webhook");
			assertThat(problem.get("detail").asString()).contains(body.getValue());
			assertThat(response.body()).doesNotContain("private words").doesNotContain("ffff").doesNotContain(customer);
		}
		assertThat(jdbc.sql("select count(*) from genesys_inbound_events where genesys_message_id = '' "
				+ "or length(genesys_message_id) > 256").query(Long.class).single()).isZero();
		assertThat(meta.sentTo(customer)).isEmpty();

		for (int i = 0; i < 2; i++) {
			String next = GenesysWebhookPayloads.newId();
			assertThat(postGenesys(GenesysWebhookPayloads.text(next, customer, "after the refusals " + i)).statusCode())
					.isEqualTo(200);
			meta.awaitSent(next, s -> s.size() == 1, PATIENCE);
		}
	}

	@Test
	void anUnknownRecipientGetsNoSendAndAFailedReceipt() throws Exception {
		String id = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(id, "447700900998", "hello stranger"));
		JsonNode receipt = awaitReceipts(id, r -> r.size() == 1).getFirst().get("body");
		assertThat(receipt.get("status").asString()).isEqualTo("Failed");
		assertThat(receipt.at("/reasons/0/code").asString()).isEqualTo("InvalidDestination");
		assertThat(meta.sentWithCallback(id)).isEmpty();
		assertThat(awaitLedgerByGenesysId(id, "FAILED").get("failureReason").asString()).contains("Unknown recipient");
	}

	@Test
	void anAttachmentThatCannotBeFetchedIsNotDroppedSilentlyButAnsweredWithAFailedReceipt() throws Exception {
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.withContent(id, customer, "Text", "your label", """
				{"contentType":"Attachment","attachment":{"id":"a-1","mediaType":"Image",\
				"url":"https://files.example/label.jpg","mime":"image/jpeg","filename":"label.jpg"}}"""));

		JsonNode receipt = awaitReceipts(id, r -> r.size() == 1).getFirst().get("body");
		assertThat(receipt.get("status").asString()).isEqualTo("Failed");
		assertThat(receipt.at("/reasons/0/code").asString()).isEqualTo("UnsupportedMessage");
		assertThat(receipt.at("/reasons/0/message").asString()).isEqualTo(
				"The attachment could not be fetched: the host files.example is unknown.");
		assertThat(meta.sentWithCallback(id)).isEmpty();
		assertThat(awaitLedgerByGenesysId(id, "FAILED").get("failureReason").asString())
				.startsWith("The attachment could not be fetched");
	}

	@Test
	void aBotsCarouselReachesTheCustomerAsOneMessagePerCardWithOneDeliveredReceipt() throws Exception {
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.withContent(id, customer, "Structured", "Two trips", """
				{"contentType":"Carousel","carousel":{"cards":[{"title":"Lisbon","actions":[{"type":"Link",\
				"text":"Details","url":"https://example.com/lisbon"}]},{"title":"Porto","description":"2 nights",\
				"actions":[{"type":"Postback","text":"Book","payload":"porto"}]}]}}"""));

		List<JsonNode> sent = meta.awaitSent(id, s -> s.size() == 3, PATIENCE).stream().map(s -> s.get("body"))
			.toList();
		assertThat(sent.get(0).at("/text/body").asString()).isEqualTo("Two trips");
		assertThat(sent.get(1).at("/text/body").asString()).isEqualTo("*Lisbon*\n- Details: https://example.com/lisbon");
		assertThat(sent.get(2).at("/interactive/body/text").asString()).isEqualTo("*Porto*\n2 nights");
		assertThat(sent.get(2).at("/interactive/action/buttons/0/reply/id").asString()).isEqualTo("porto");
		awaitReceipts(id, r -> !r.isEmpty());
		GenesysSimulatorClient.sleep(Duration.ofSeconds(1));
		List<JsonNode> receipts = awaitReceipts(id, r -> !r.isEmpty());
		assertThat(receipts).as("the parts' statuses are taken in order: Delivered is owed once")
				.extracting(r -> r.at("/body/status").asString()).containsExactly("Delivered");
	}

	@Test
	void aClosedServiceWindowGetsNoSendAndAMessageExpiredReceipt() throws Exception {
		String customer = "4477009" + CUSTOMERS.incrementAndGet();
		String wamid = MetaWebhooks.newWamid();
		postWhatsApp(MetaWebhooks.text(MetaWebhooks.SANDBOX_PHONE_NUMBER_ID, customer, "Old", wamid, "long ago",
				Instant.now().minus(Duration.ofHours(25))));
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);

		String id = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(id, customer, "sorry for the wait"));
		JsonNode receipt = awaitReceipts(id, r -> r.size() == 1).getFirst().get("body");
		assertThat(receipt.get("status").asString()).isEqualTo("Failed");
		assertThat(receipt.at("/reasons/0/code").asString()).isEqualTo("MessageExpired");
		assertThat(meta.sentWithCallback(id)).isEmpty();
		assertThat(awaitLedgerByGenesysId(id, "FAILED").get("failureReason").asString())
				.contains("24-hour customer service window");
	}

	/**
	 * Before retries were bounded by time, 8 attempts of 4 calls each (32 failed calls) made an agent's reply FAILED.
	 */
	@Test
	void aWhatsAppOutageLongerThanTheOldGiveUpPointIsSentOnceWithItsDeliveredReceipt() throws Exception {
		String customer = customerWhoJustWrote();
		meta.fault(2, 503, 36);
		String id = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(id, customer, "through the outage"));
		meta.awaitSent(id, s -> s.size() == 1, OUTAGE_PATIENCE);
		JsonNode receipt = awaitReceipts(id, r -> r.size() == 1).getFirst().get("body");
		assertThat(receipt.get("status").asString()).isEqualTo("Delivered");
		awaitLedgerByGenesysId(id, "DELIVERED");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(meta.sentWithCallback(id)).hasSize(1);
	}

	@Test
	void aLedgerWriteThatFailsAfterWhatsAppAcceptedIsRetriedWithoutSendingAgain() throws Exception {
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		DatabaseOutage outage = DatabaseOutage.onRelayed(jdbc, "genesys_message_id", id, 3);
		try {
			postGenesys(GenesysWebhookPayloads.text(id, customer, "recorded late"));
			awaitLedgerByGenesysId(id, "DELIVERED");
			assertThat(outage.tripped()).isEqualTo(3);
			awaitReceipts(id, r -> r.size() == 1);
			GenesysSimulatorClient.sleep(Duration.ofMillis(500));
			assertThat(meta.sentWithCallback(id)).hasSize(1);
			assertThat(receiptsFor(id)).hasSize(1);
		}
		finally {
			outage.end();
		}
	}

	@Test
	void aLongReplyWhoseSecondPartMeetsAnOutageSendsEachPartOnce() throws Exception {
		String customer = customerWhoJustWrote();
		String text = "first part ".repeat(400) + "second part";
		meta.fault(2, 503, 8, 1);
		String id = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(id, customer, text));
		List<JsonNode> sent = meta.awaitSent(id, s -> s.size() == 2, PATIENCE);
		awaitLedgerByGenesysId(id, "DELIVERED");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(meta.sentWithCallback(id)).hasSize(2);
		assertThat(sent.stream().map(s -> s.at("/body/text/body").asString()).reduce("", String::concat))
				.isEqualTo(text);
	}

	@Test
	void aReceiptOwedDuringAGenesysOutageIsGivenAfterwardsAndNotedAsGiven() throws Exception {
		String customer = customerWhoJustWrote();
		genesys.fault("receipt", 503, 0, 36);
		try {
			String id = GenesysWebhookPayloads.newId();
			postGenesys(GenesysWebhookPayloads.text(id, customer, "receipt after the outage"));
			meta.awaitSent(id, s -> s.size() == 1, PATIENCE);
			awaitReceipts(id, r -> r.size() == 1, OUTAGE_PATIENCE);
			assertThat(awaitReceiptState(id, "GIVEN").get("genesysReceipt").asString()).isEqualTo("Delivered");
		}
		finally {
			genesys.clearFaults();
		}
	}

	@Test
	void aReceiptGenesysRefusesForGoodIsVisibleAsRefused() throws Exception {
		String customer = customerWhoJustWrote();
		genesys.fault("receipt", 400, 0, 1);
		try {
			String id = GenesysWebhookPayloads.newId();
			postGenesys(GenesysWebhookPayloads.text(id, customer, "receipt refused"));
			meta.awaitSent(id, s -> s.size() == 1, PATIENCE);
			JsonNode entry = awaitReceiptState(id, "REFUSED");
			assertThat(entry.get("genesysReceipt").asString()).isEqualTo("Delivered");
			assertThat(entry.get("genesysReceiptError").asString()).startsWith("Genesys refused the receipt");
			assertThat(receiptsFor(id)).isEmpty();
		}
		finally {
			genesys.clearFaults();
		}
	}

	@Test
	void error131047IsNotRetriedAndBecomesMessageExpired() throws Exception {
		String customer = customerWhoJustWrote();
		long calls = meta.stats().get("sendCalls").asLong();
		meta.fault(131047, 400, 1);
		String id = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(id, customer, "too late?"));
		JsonNode receipt = awaitReceipts(id, r -> r.size() == 1).getFirst().get("body");
		assertThat(receipt.at("/reasons/0/code").asString()).isEqualTo("MessageExpired");
		assertThat(receipt.at("/reasons/0/message").asString()).startsWith("WhatsApp error 131047");
		assertThat(meta.stats().get("sendCalls").asLong()).isEqualTo(calls + 1);
	}

	@Test
	void error130429IsRetriedAndSentOnce() throws Exception {
		String customer = customerWhoJustWrote();
		long calls = meta.stats().get("sendCalls").asLong();
		meta.fault(130429, 400, 1);
		String id = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(id, customer, "busy line"));
		meta.awaitSent(id, s -> s.size() == 1, PATIENCE);
		awaitLedgerByGenesysId(id, "DELIVERED");
		assertThat(meta.stats().get("sendCalls").asLong()).isEqualTo(calls + 2);
		assertThat(meta.sentWithCallback(id)).hasSize(1);
	}

	@Test
	void error190StopsSendsForThatTenantWithAVisibleAlert() throws Exception {
		String customer = "4477009" + CUSTOMERS.incrementAndGet();
		String wamid = MetaWebhooks.newWamid();
		postWhatsApp(MetaWebhooks.text(ACME_PHONE_NUMBER_ID, customer, "Acme customer", wamid, "hi acme"),
				ACME_APP_SECRET);
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		Secret acmeWebhookSecret = Secret.of("acme-genesys-webhook-secret-123456");
		String acmeIntegration = "a0a0a0a0-1111-4222-8333-444455556666";

		meta.fault(190, 401, 1);
		String first = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(acmeIntegration, first, customer, "Phone", "token expired?"),
				acmeWebhookSecret);
		JsonNode receipt = awaitReceipts(first, r -> r.size() == 1).getFirst().get("body");
		assertThat(receipt.at("/reasons/0/code").asString()).isEqualTo("GeneralError");
		JsonNode tenant = JSON.readTree(api("/api/tenant", ACME_API_KEY, "acme").body());
		assertThat(tenant.at("/alerts/0/kind").asString()).isEqualTo("whatsapp-credentials-invalid");
		assertThat(tenant.toString()).doesNotContain("acme-access-token").doesNotContain("acme-app-secret");

		long calls = meta.stats().get("sendCalls").asLong();
		String second = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(acmeIntegration, second, customer, "Phone", "still there?"),
				acmeWebhookSecret);
		awaitReceipts(second, r -> r.size() == 1);
		assertThat(meta.stats().get("sendCalls").asLong()).isEqualTo(calls);

		String sandboxCustomer = customerWhoJustWrote();
		String unaffected = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(unaffected, sandboxCustomer, "other tenants still send"));
		meta.awaitSent(unaffected, s -> s.size() == 1, PATIENCE);
	}

	@Test
	void statusesOutOfOrderNeverMoveBackwardsAndReadBecomesNoReceipt() throws Exception {
		meta.autoStatuses(false);
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(id, customer, "statuses out of order"));
		String wamid = meta.awaitSent(id, s -> s.size() == 1, PATIENCE).getFirst().get("wamid").asString();
		awaitLedgerByGenesysId(id, "RELAYED");

		meta.status(wamid, "read", null);
		awaitLedgerByGenesysId(id, "READ");
		meta.status(wamid, "delivered", null);
		meta.status(wamid, "sent", null);
		GenesysSimulatorClient.sleep(Duration.ofMillis(800));
		awaitLedgerByGenesysId(id, "READ");
		List<JsonNode> receipts = receiptsFor(id);
		assertThat(receipts).hasSize(1);
		assertThat(receipts.getFirst().at("/body/status").asString()).isEqualTo("Delivered");
	}

	@Test
	void aFailedStatusBecomesAFailedReceiptWithTheMappedReason() throws Exception {
		meta.autoStatuses(false);
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(id, customer, "will fail"));
		String wamid = meta.awaitSent(id, s -> s.size() == 1, PATIENCE).getFirst().get("wamid").asString();
		meta.status(wamid, "failed", 131026);
		JsonNode receipt = awaitReceipts(id, r -> r.size() == 1).getFirst().get("body");
		assertThat(receipt.get("status").asString()).isEqualTo("Failed");
		assertThat(receipt.at("/reasons/0/code").asString()).isEqualTo("InvalidDestination");
		assertThat(receipt.at("/reasons/0/message").asString()).startsWith("WhatsApp error 131026");
		assertThat(awaitLedgerByGenesysId(id, "FAILED").get("failureReason").asString()).contains("131026");
	}

	@Test
	void aFailedStatusAfterDeliveredStillBecomesAFailedReceiptThoughTheLedgerStaysDelivered() throws Exception {
		meta.autoStatuses(false);
		String customer = customerWhoJustWrote();
		String id = GenesysWebhookPayloads.newId();
		postGenesys(GenesysWebhookPayloads.text(id, customer, "delivered, then failed"));
		String wamid = meta.awaitSent(id, s -> s.size() == 1, PATIENCE).getFirst().get("wamid").asString();
		meta.status(wamid, "delivered", null);
		awaitReceipts(id, r -> r.size() == 1);
		meta.status(wamid, "failed", 131047);
		List<JsonNode> receipts = awaitReceipts(id, r -> r.size() == 2);
		assertThat(receipts).extracting(r -> r.at("/body/status").asString()).containsExactly("Delivered", "Failed");
		assertThat(receipts.getLast().at("/body/reasons/0/code").asString()).isEqualTo("MessageExpired");
		assertThat(awaitLedgerByGenesysId(id, "DELIVERED").get("genesysReceipt").asString()).isEqualTo("Failed");
	}

	@Test
	void pacingHoldsATenantToItsConfiguredRate() throws Exception {
		int count = 3 * GLOBEX_MESSAGES_PER_SECOND;
		List<String> customers = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			String customer = "4477009" + CUSTOMERS.incrementAndGet();
			String wamid = MetaWebhooks.newWamid();
			postWhatsApp(MetaWebhooks.text(GLOBEX_PHONE_NUMBER_ID, customer, "Globex customer", wamid, "hi"),
					GLOBEX_APP_SECRET);
			customers.add(customer);
			genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		}
		long rateLimited = meta.stats().get("rateLimited").asLong();
		List<String> ids = new java.util.ArrayList<>();
		for (String customer : customers) {
			String id = GenesysWebhookPayloads.newId();
			ids.add(id);
			postGenesys(GenesysWebhookPayloads.text(GLOBEX_INTEGRATION, id, customer, "Phone", "paced"),
					GLOBEX_WEBHOOK_SECRET);
		}
		List<Instant> sentAt = new java.util.ArrayList<>();
		for (String id : ids) {
			sentAt.add(Instant.parse(meta.awaitSent(id, s -> s.size() == 1, PATIENCE).getFirst().get("receivedAt")
					.asString()));
		}
		sentAt.sort(null);
		assertThat(Duration.between(sentAt.getFirst(), sentAt.getLast()))
				.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		for (int i = 0; i + GLOBEX_MESSAGES_PER_SECOND < sentAt.size(); i++) {
			assertThat(Duration.between(sentAt.get(i), sentAt.get(i + GLOBEX_MESSAGES_PER_SECOND)))
					.as("never more than %d sends in a second", GLOBEX_MESSAGES_PER_SECOND)
					.isGreaterThanOrEqualTo(Duration.ofMillis(950));
		}
		assertThat(meta.stats().get("rateLimited").asLong()).isEqualTo(rateLimited);
	}

	@Test
	void receiptsAndTypingEventsFromGenesysNeverReachTheCustomerAsText() throws Exception {
		String customer = customerWhoJustWrote();
		for (String file : List.of("04-receipt-delivered", "05-receipt-failed", "06-receipt-published")) {
			byte[] body = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
					"src/test/resources/conformance/genesys/outbound-webhook/" + file + ".json"));
			assertThat(postGenesys(body).statusCode()).as(file).isEqualTo(200);
		}
		long sends = meta.stats().get("sendCalls").asLong();
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(meta.stats().get("sendCalls").asLong()).isEqualTo(sends);
		assertThat(meta.sentTo(customer)).isEmpty();
	}

	@Test
	void genesysReceiptsForACustomersMessageUpdateTheLedger() throws Exception {
		String customer = "4477009" + CUSTOMERS.incrementAndGet();
		String wamid = MetaWebhooks.newWamid();
		postWhatsApp(MetaWebhooks.text(customer, "Receipt customer", wamid, "did the agent get this?"));
		String genesysId = genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE).getFirst().get("id").asString();
		awaitLedgerByGenesysId(genesysId, "RELAYED");

		String receipt = """
				{"id":"%s","channel":{"id":"%s","platform":"Open","type":"Private","messageId":"%s",				"to":{"id":"%s","idType":"Phone"},"from":{"id":"%s","idType":"Opaque"},"time":"%s"},				"type":"Receipt","status":"Delivered","isFinalReceipt":true,"direction":"Outbound"}"""
				.formatted(genesysId, GenesysWebhookPayloads.SANDBOX_INTEGRATION, genesysId, customer,
						GenesysWebhookPayloads.SANDBOX_INTEGRATION, Instant.now());
		assertThat(postGenesys(receipt.getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
		awaitLedgerByGenesysId(genesysId, "DELIVERED");
		assertThat(meta.sentTo(customer)).isEmpty();
	}

	private String customerWhoJustWrote() throws Exception {
		String customer = "4477009" + CUSTOMERS.incrementAndGet();
		String wamid = MetaWebhooks.newWamid();
		postWhatsApp(MetaWebhooks.text(customer, "Customer " + customer, wamid, "hello"));
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		return customer;
	}

	private List<JsonNode> receiptsFor(String genesysId) {
		return genesys.received("receipt", "").stream().filter(r -> genesysId.equals(r.at("/body/id").asString()))
				.toList();
	}

	private List<JsonNode> awaitReceipts(String genesysId, java.util.function.Predicate<List<JsonNode>> condition) {
		return awaitReceipts(genesysId, condition, PATIENCE);
	}

	private List<JsonNode> awaitReceipts(String genesysId, java.util.function.Predicate<List<JsonNode>> condition,
			Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		List<JsonNode> receipts = receiptsFor(genesysId);
		while (!condition.test(receipts)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("receipts for " + genesysId + " never matched: " + receipts);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(50));
			receipts = receiptsFor(genesysId);
		}
		return receipts;
	}

	private JsonNode awaitReceiptState(String genesysId, String state) throws Exception {
		long deadline = System.nanoTime() + OUTAGE_PATIENCE.toNanos();
		while (true) {
			JsonNode entry = awaitLedgerByGenesysId(genesysId, "DELIVERED");
			if (state.equals(entry.path("genesysReceiptState").asString())) {
				return entry;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("the receipt for " + genesysId + " never became " + state + ": " + entry);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(100));
		}
	}

	private JsonNode awaitLedgerByGenesysId(String genesysId, String status) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			for (String tenant : List.of("sandbox", "acme")) {
				JsonNode entries = JSON.readTree(api("/api/messages?limit=500", tenant.equals("acme") ? ACME_API_KEY
						: SANDBOX_API_KEY, tenant).body());
				for (JsonNode entry : entries) {
					if (genesysId.equals(entry.get("genesysMessageId").asString())
							&& status.equals(entry.get("status").asString())) {
						return entry;
					}
				}
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("ledger shows no " + status + " entry for " + genesysId);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(100));
		}
	}

	private HttpResponse<String> postGenesys(byte[] body) throws IOException, InterruptedException {
		return postGenesys(body, SANDBOX_WEBHOOK_SECRET);
	}

	private HttpResponse<String> postGenesys(byte[] body, Secret secret) throws IOException, InterruptedException {
		return http.send(GenesysWebhookPayloads.signed(url("/webhook/genesys/outbound"), body, secret),
				HttpResponse.BodyHandlers.ofString());
	}

	private void postWhatsApp(byte[] body) throws IOException, InterruptedException {
		postWhatsApp(body, MetaWebhooks.SANDBOX_APP_SECRET);
	}

	private void postWhatsApp(byte[] body, Secret secret) throws IOException, InterruptedException {
		assertThat(http.send(MetaWebhooks.signed(url("/webhook/whatsapp"), body, secret),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> api(String path, String key, String tenant) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(url(path)).header("X-Tenant-ID", tenant)
				.header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
	}
}
