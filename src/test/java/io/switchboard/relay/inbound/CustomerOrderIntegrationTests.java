package io.switchboard.relay.inbound;

import static io.switchboard.MetaWebhooks.SANDBOX_APP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.MetaWebhooks;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * One customer's messages keep their order, whichever identity each message carries.
 */
class CustomerOrderIntegrationTests extends AbstractIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private final GenesysSimulatorClient genesys = new GenesysSimulatorClient(PORT);

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void clearFaults() {
		genesys.clearFaults();
	}

	@Test
	void aCustomerSeenByPhoneThenOnlyByBsuidIsRelayedInOrder() throws Exception {
		String phone = "447700900377";
		String userId = "GB.4f7a1c9e2b";
		String warm = MetaWebhooks.newWamid();
		post(bySender(warm, "\"wa_id\":\"447700900376\"", "\"from\":\"447700900376\"", "warm-up"));
		genesys.awaitMessages(warm, m -> m.size() == 1, PATIENCE);

		genesys.fault("message", 503, 0, 1_000);
		String first = MetaWebhooks.newWamid();
		String second = MetaWebhooks.newWamid();
		assertThat(post(bySender(first, "\"wa_id\":\"%s\",\"user_id\":\"%s\"".formatted(phone, userId),
				"\"from\":\"%s\",\"from_user_id\":\"%s\"".formatted(phone, userId), "first, with my number"))
				.statusCode()).isEqualTo(200);
		assertThat(post(bySender(second, "\"user_id\":\"%s\"".formatted(userId),
				"\"from_user_id\":\"%s\"".formatted(userId), "second, number hidden")).statusCode()).isEqualTo(200);

		List<String> keys = jdbc.sql("select ordering_key from work_items where payload::text like ? or payload::text like ?")
				.params("%" + first + "%", "%" + second + "%").query(String.class).list();
		assertThat(keys).as("both messages wait under the customer's one key").containsExactly("sandbox|" + phone,
				"sandbox|" + phone);
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(second)).as("the second waits behind the first").isEmpty();

		genesys.clearFaults();
		Instant firstArrived = arrival(first);
		Instant secondArrived = arrival(second);
		assertThat(firstArrived).isBefore(secondArrived);
		assertThat(genesys.messagesWithId(second).getFirst().at("/body/channel/from/id").asString())
				.as("one customer towards Genesys").isEqualTo(phone);
	}

	private Instant arrival(String wamid) {
		JsonNode received = genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE).getFirst();
		return Instant.parse(received.get("receivedAt").asString());
	}

	private static byte[] bySender(String wamid, String contact, String sender, String text) {
		return """
				{"object":"whatsapp_business_account","entry":[{"id":"300000000000001","changes":[{"value":{\
				"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550100001","phone_number_id":"%s"},\
				"contacts":[{"profile":{"name":"Bea"},%s}],"messages":[{%s,"id":"%s","timestamp":"%d",\
				"type":"text","text":{"body":"%s"}}]},"field":"messages"}]}]}"""
				.formatted(MetaWebhooks.SANDBOX_PHONE_NUMBER_ID, contact, sender, wamid, Instant.now().getEpochSecond(),
						text)
				.getBytes(StandardCharsets.UTF_8);
	}

	private HttpResponse<String> post(byte[] body) throws Exception {
		return http.send(MetaWebhooks.signed(url("/webhook/whatsapp"), body, SANDBOX_APP_SECRET),
				HttpResponse.BodyHandlers.ofString());
	}
}
