package io.switchboard.activity;

import static io.switchboard.MetaWebhooks.SANDBOX_APP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.MetaWebhooks;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.Conversations;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The core's events reach their subscribers through the event publication registry: after the work that caused
 * them, once each, with nothing left in the registry when the subscriber completed.
 */
class ConversationActivityIntegrationTests extends AbstractIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	private final GenesysSimulatorClient genesys = new GenesysSimulatorClient(PORT);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Conversations conversations;

	@Test
	void aNewCustomersFirstMessageIsCountedAsRecordedAndRoutedAndTheRegistryEmpties() throws Exception {
		double routed = counter("switchboard_activity_conversations_routed_total", "destination=\"genesys\"");
		double recorded = counter("switchboard_activity_customer_messages_total", "tenant=\"sandbox\"");
		String customer = "447700900391";
		String wamid = MetaWebhooks.newWamid();

		post(MetaWebhooks.text(customer, "Noor", wamid, "hello"));
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		String again = MetaWebhooks.newWamid();
		post(MetaWebhooks.text(customer, "Noor", again, "hello again"));
		genesys.awaitMessages(again, m -> m.size() == 1, PATIENCE);

		await(() -> counter("switchboard_activity_customer_messages_total", "tenant=\"sandbox\"") >= recorded + 2);
		await(() -> counter("switchboard_activity_conversations_routed_total", "destination=\"genesys\"")
				>= routed + 1);
		await(() -> jdbc.sql("select count(*) from event_publication where serialized_event like ?")
				.param("%" + customer + "%").query(Long.class).single() == 0);
		assertThat(counter("switchboard_activity_conversations_routed_total", "destination=\"genesys\""))
				.as("the second message opened no conversation").isEqualTo(routed + 1);
	}

	@Test
	void aConversationHandedToAnotherDestinationIsCountedAsReassignedOnce() throws Exception {
		String wamid = MetaWebhooks.newWamid();
		post(MetaWebhooks.text("447700900392", "Ilse", wamid, "who handles me?"));
		genesys.awaitMessages(wamid, m -> m.size() == 1, PATIENCE);
		Conversation conversation = conversations.findLatest("sandbox", "447700900392").orElseThrow();
		double before = counter("switchboard_activity_conversations_reassigned_total", "destination=\"desk\"");

		assertThat(conversations.reassign(conversation.id(), "desk")).isTrue();
		assertThat(conversations.reassign(conversation.id(), "desk")).as("already there").isTrue();

		await(() -> counter("switchboard_activity_conversations_reassigned_total", "destination=\"desk\"")
				>= before + 1);
		Thread.sleep(300);
		assertThat(counter("switchboard_activity_conversations_reassigned_total", "destination=\"desk\""))
				.isEqualTo(before + 1);
		conversations.reassign(conversation.id(), "genesys");
	}

	private void post(byte[] body) throws Exception {
		assertThat(http.send(MetaWebhooks.signed(url("/webhook/whatsapp"), body, SANDBOX_APP_SECRET),
				HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
	}

	private double counter(String name, String label) {
		String metrics;
		try {
			metrics = http.send(management("/actuator/prometheus").build(), HttpResponse.BodyHandlers.ofString())
					.body();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		return metrics.lines().filter(line -> line.startsWith(name + "{") && line.contains(label))
				.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not reached within " + PATIENCE);
			}
			Thread.sleep(50);
		}
	}
}
