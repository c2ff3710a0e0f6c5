package io.switchboard.work.internal;

import static io.switchboard.MetaWebhooks.SANDBOX_APP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.MetaWebhooks;
import io.switchboard.work.WorkChannels;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dead letters of the database transport through the admin API, over real HTTP: work given up is listed, inspected,
 * replayed (and then delivered exactly once) or discarded, each only once, and only with the admin key.
 */
class DeadLetterIntegrationTests extends AbstractIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final String INBOUND = WorkChannels.INBOUND_WHATSAPP_MESSAGES;
	private static final String BASE = "/api/admin/dead-letters";

	private final GenesysSimulatorClient genesys = new GenesysSimulatorClient(PORT);

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void clearFaults() {
		genesys.clearFaults();
	}

	@Test
	void aMessageGivenUpIsListedInspectedAndDeliveredExactlyOnceWhenReplayedOnce() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		JsonNode dead = giveUp("447700900451", wamid);
		long id = dead.get("id").asLong();
		assertThat(dead.get("tenantId").asString()).isEqualTo("sandbox");
		assertThat(dead.get("orderingKey").asString()).isEqualTo("sandbox|447700900451");
		assertThat(dead.get("lastError").asString()).contains("Genesys unavailable");
		assertThat(dead.get("attempts").asInt()).isPositive();
		assertThat(dead.has("payload")).as("lists carry no message text").isFalse();
		await(() -> "FAILED".equals(ledgerStatus(wamid)), "the ledger shows the message given up");

		assertThat(ids("?tenant=sandbox&channel=" + INBOUND + "&reason=gave-up&newerThan=PT10M")).contains(id);
		assertThat(ids("?reason=unreadable")).doesNotContain(id);
		assertThat(ids("?tenant=acme")).doesNotContain(id);
		assertThat(ids("?olderThan=PT1H")).doesNotContain(id);
		assertThat(ids("?channel=" + WorkChannels.GENESYS_RECEIPTS)).doesNotContain(id);

		HttpResponse<String> inspected = admin("GET", BASE + "/" + id, null, ADMIN_API_KEY);
		assertThat(inspected.statusCode()).isEqualTo(200);
		JsonNode letter = JSON.readTree(inspected.body());
		assertThat(letter.at("/payload/message/id").asString()).isEqualTo(wamid);
		assertThat(letter.get("payloadVersion").asInt()).as("the version of the work's shape").isEqualTo(1);
		assertThat(letter.get("reason").asString()).isEqualTo("gave-up");
		assertThat(letter.get("state").asString()).isEqualTo("DEAD");

		JsonNode after = act(id, "replay", "Genesys is back", 202);
		assertThat(after.get("state").asString()).isEqualTo("REPLAYED");
		assertThat(after.get("actedBy").asString()).startsWith("ops-on-call@");
		assertThat(after.get("actionReason").asString()).isEqualTo("Genesys is back");

		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		await(() -> "RELAYED".equals(ledgerStatus(wamid)), "the ledger shows the replayed message relayed");

		HttpResponse<String> again = admin("POST", BASE + "/" + id + "/replay", null, ADMIN_API_KEY);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(JSON.readTree(again.body()).get("type").asString()).endsWith("/already-resolved");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(wamid)).hasSize(1);
		assertThat(ids("")).doesNotContain(id);
		assertThat(ids("?state=REPLAYED")).contains(id);
	}

	@Test
	void replayingAMessageGenesysRefusedDoesNotSendItAgain() throws Exception {
		String given = MetaWebhooks.newWamid();
		String payload = JSON.readTree(admin("GET", BASE + "/" + giveUp("447700900452", given).get("id").asLong(),
				null, ADMIN_API_KEY).body()).get("payload").toString();
		String refused = MetaWebhooks.newWamid();
		genesys.fault("message", 400, 0, 1);
		post(MetaWebhooks.text("447700900452", "Rhea", refused, "refused for good"));
		await(() -> "FAILED".equals(ledgerStatus(refused)), "Genesys refused the message");
		long id = jdbc.sql("""
				insert into dead_letters (work_id, channel, ordering_key, tenant_id, payload, reason, attempts,
				                          published_at)
				values ('refused-' || md5(random()::text), ?, 'sandbox|447700900452', 'sandbox', ?::jsonb, 'gave-up',
				        1, now())
				returning id""").params(INBOUND, payload.replace(given, refused)).query(Long.class).single();

		assertThat(admin("POST", BASE + "/" + id + "/replay", null, ADMIN_API_KEY).statusCode()).isEqualTo(202);
		await(() -> jdbc.sql("select count(*) from work_items where payload::text like ?").param("%" + refused + "%")
				.query(Long.class).single() == 0, "the replayed work is done");
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(refused)).isEmpty();
		assertThat(ledgerStatus(refused)).isEqualTo("FAILED");
	}

	@Test
	void anUnreadableItemIsDeadLetteredAtOnceAndDiscardedOnlyWithAReason() throws Exception {
		long workId = unreadableWork("acme|447700900453");
		JsonNode dead = awaitDeadLetter(workId);
		long id = dead.get("id").asLong();
		assertThat(dead.get("reason").asString()).isEqualTo("unreadable");
		assertThat(dead.get("tenantId").asString()).isEqualTo("acme");
		assertThat(jdbc.sql("select count(*) from work_items where id = ?").param(workId).query(Long.class).single())
				.as("moved out of the queue").isZero();
		assertThat(ids("?reason=unreadable&tenant=acme")).contains(id);

		for (String body : new String[] { null, "{}", "{\"reason\": \"  \"}" }) {
			HttpResponse<String> refused = admin("POST", BASE + "/" + id + "/discard", body, ADMIN_API_KEY);
			assertThat(refused.statusCode()).as(String.valueOf(body)).isEqualTo(400);
			assertThat(JSON.readTree(refused.body()).get("type").asString()).endsWith("/invalid-request");
		}
		JsonNode after = act(id, "discard", "test data, not a customer's", 200);
		assertThat(after.get("state").asString()).isEqualTo("DISCARDED");
		assertThat(after.get("actionReason").asString()).isEqualTo("test data, not a customer's");
		assertThat(after.get("actedAt").isNull()).isFalse();

		assertThat(admin("POST", BASE + "/" + id + "/discard", "{\"reason\": \"twice\"}", ADMIN_API_KEY)
				.statusCode()).isEqualTo(409);
		assertThat(admin("POST", BASE + "/" + id + "/replay", null, ADMIN_API_KEY).statusCode()).isEqualTo(409);
		assertThat(ids("?state=DISCARDED&tenant=acme")).contains(id);
	}

	@Test
	void manyDeadLettersAreReplayedByIdsOrByFilter() throws Exception {
		long first = awaitDeadLetter(unreadableWork("globex|447700900454")).get("id").asLong();
		long second = awaitDeadLetter(unreadableWork("globex|447700900455")).get("id").asLong();

		HttpResponse<String> byIds = admin("POST", BASE + "/replay",
				"{\"ids\": [%d, 987654321], \"reason\": \"after the fix\"}".formatted(first), ADMIN_API_KEY);
		assertThat(byIds.statusCode()).isEqualTo(200);
		JsonNode outcome = JSON.readTree(byIds.body());
		assertThat(outcome.get("replayed").valueStream().map(JsonNode::asLong)).containsExactly(first);
		assertThat(outcome.get("unknown").valueStream().map(JsonNode::asLong)).containsExactly(987654321L);

		HttpResponse<String> byFilter = admin("POST", BASE + "/replay",
				"{\"filter\": {\"tenant\": \"globex\", \"reason\": \"unreadable\"}}", ADMIN_API_KEY);
		assertThat(byFilter.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(byFilter.body()).get("replayed").valueStream().map(JsonNode::asLong))
				.contains(second).doesNotContain(first);
		await(() -> ids("?tenant=globex&reason=unreadable").size() >= 2,
				"the replayed unreadable work is dead-lettered again, as new work");

		assertThat(admin("POST", BASE + "/replay", "{}", ADMIN_API_KEY).statusCode()).isEqualTo(400);
		assertThat(admin("POST", BASE + "/replay", "{\"filter\": {}}", ADMIN_API_KEY).statusCode()).isEqualTo(400);
		assertThat(admin("POST", BASE + "/replay", "{\"ids\": [1], \"filter\": {\"tenant\": \"globex\"}}",
				ADMIN_API_KEY).statusCode()).isEqualTo(400);
	}

	@Test
	void theAdminApiTakesOnlyTheAdminKeyAndTheAdminKeyActsForNoTenant() throws Exception {
		for (String key : new String[] { null, "wrong", SANDBOX_API_KEY, ACME_API_KEY }) {
			HttpResponse<String> refused = admin("GET", BASE, null, key);
			assertThat(refused.statusCode()).as(String.valueOf(key)).isEqualTo(401);
			assertThat(JSON.readTree(refused.body()).get("type").asString()).endsWith("/unauthenticated");
		}
		assertThat(admin("POST", BASE + "/1/replay", null, SANDBOX_API_KEY).statusCode()).isEqualTo(401);
		HttpRequest asTenant = HttpRequest.newBuilder(url("/api/messages")).header("X-Tenant-ID", "sandbox")
				.header("Authorization", "Bearer " + ADMIN_API_KEY).GET().build();
		assertThat(http.send(asTenant, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		assertThat(admin("GET", BASE, null, ADMIN_API_KEY).statusCode()).isEqualTo(200);
	}

	@Test
	void unknownDeadLettersAndBadFiltersGetProblemDetails() throws Exception {
		HttpResponse<String> unknown = admin("GET", BASE + "/987654321", null, ADMIN_API_KEY);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(admin("POST", BASE + "/987654321/replay", null, ADMIN_API_KEY).statusCode()).isEqualTo(404);
		assertThat(admin("POST", BASE + "/987654321/discard", "{\"reason\": \"x\"}", ADMIN_API_KEY).statusCode())
				.isEqualTo(404);
		for (String query : List.of("?reason=broken", "?olderThan=yesterday", "?newerThan=2026-13-01", "?limit=0",
				"?limit=501", "?state=LOST")) {
			HttpResponse<String> bad = admin("GET", BASE + query, null, ADMIN_API_KEY);
			assertThat(bad.statusCode()).as(query).isEqualTo(400);
			assertThat(JSON.readTree(bad.body()).get("type").asString()).endsWith("/invalid-request");
		}
		assertThat(admin("GET", BASE + "?olderThan=2020-01-01T00:00:00Z&limit=500", null, ADMIN_API_KEY).statusCode())
				.isEqualTo(200);
	}

	/**
	 * Sends a customer message during a Genesys outage and makes its retry period run out at once, by dating its work
	 * item eight days back.
	 *
	 * @return the dead letter, as listed.
	 */
	private JsonNode giveUp(String customer, String wamid) throws Exception {
		genesys.fault("message", 503, 0, 10_000);
		post(MetaWebhooks.text(customer, "Gail", wamid, "lost in an outage"));
		await(() -> jdbc.sql("update work_items set created_at = now() - interval '8 days' where payload::text like ?")
				.param("%" + wamid + "%").update() == 1, "the message's work item is waiting");
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			for (JsonNode letter : list("?channel=" + INBOUND + "&limit=500")) {
				if (letter.get("orderingKey").asString().endsWith(customer)) {
					genesys.clearFaults();
					return letter;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("no dead letter for " + wamid);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(100));
		}
	}

	private long unreadableWork(String orderingKey) {
		return jdbc.sql("insert into work_items (channel, ordering_key, payload) values (?, ?, '[1, 2, 3]'::jsonb) "
				+ "returning id").params(INBOUND, orderingKey).query(Long.class).single();
	}

	private JsonNode awaitDeadLetter(long workId) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (true) {
			for (JsonNode letter : list("?limit=500")) {
				if (letter.get("workId").asString().equals(String.valueOf(workId))) {
					return letter;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("work item " + workId + " was not dead-lettered");
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(100));
		}
	}

	/**
	 * Replays or discards a dead letter with a reason.
	 *
	 * @return the dead letter as answered.
	 */
	private JsonNode act(long id, String action, String reason, int status) throws Exception {
		HttpResponse<String> response = admin("POST", BASE + "/" + id + "/" + action,
				JSON.writeValueAsString(Map.of("reason", reason)), ADMIN_API_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

	private List<JsonNode> list(String query) throws IOException, InterruptedException {
		HttpResponse<String> response = admin("GET", BASE + query, null, ADMIN_API_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).valueStream().toList();
	}

	private List<Long> ids(String query) {
		try {
			return list(query).stream().map(letter -> letter.get("id").asLong()).toList();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private String ledgerStatus(String wamid) {
		return jdbc.sql("select status from message_tracking where meta_message_id = ?").param(wamid)
				.query(String.class).optional().orElse("");
	}

	private HttpResponse<String> admin(String method, String path, @Nullable String body, @Nullable String key)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
				.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		if (SANDBOX_API_KEY.equals(key) || ACME_API_KEY.equals(key)) {
			request.header("X-Tenant-ID", SANDBOX_API_KEY.equals(key) ? "sandbox" : "acme");
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void post(byte[] webhook) throws IOException, InterruptedException {
		HttpResponse<String> ack = http.send(MetaWebhooks.signed(url("/webhook/whatsapp"), webhook,
				SANDBOX_APP_SECRET), HttpResponse.BodyHandlers.ofString());
		assertThat(ack.statusCode()).isEqualTo(200);
	}

	private static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within " + PATIENCE + ": " + what);
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(100));
		}
	}
}
