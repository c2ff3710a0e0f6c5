package io.switchboard.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.AbstractIntegrationTests;
import io.switchboard.GenesysSimulatorClient;
import io.switchboard.GenesysWebhookPayloads;
import io.switchboard.MetaSimulatorClient;
import io.switchboard.MetaWebhooks;
import io.switchboard.conversation.BusinessMessage;
import io.switchboard.conversation.BusinessReplies;
import io.switchboard.conversation.Conversation;
import io.switchboard.conversation.Conversations;
import io.switchboard.conversation.CustomerMessage;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Routing as data: globex's main number goes to Genesys, its second number to another destination (the tests'
 * {@link RecordingDestination}, registered like a real one). Each number's conversations reach only their own
 * destination, both ways, with statuses.
 */
class RoutingIntegrationTests extends AbstractIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private final GenesysSimulatorClient genesys = new GenesysSimulatorClient(PORT);
	private final MetaSimulatorClient meta = new MetaSimulatorClient(PORT);

	@Autowired
	RecordingDestination recording;

	@Autowired
	BusinessReplies replies;

	@Autowired
	Conversations conversations;

	@Autowired
	MessageLedger ledger;

	@AfterEach
	void reset() {
		meta.clearFaults();
		meta.autoStatuses(true);
	}

	@Test
	void eachNumbersConversationsReachOnlyTheirOwnDestinationBothWaysWithStatuses() throws Exception {
		String toGenesys = MetaWebhooks.newWamid();
		String toRecording = MetaWebhooks.newWamid();
		assertThat(postWhatsApp(MetaWebhooks.text(GLOBEX_PHONE_NUMBER_ID, "447700905001", "Gene", toGenesys,
				"for the contact center")).statusCode()).isEqualTo(200);
		assertThat(postWhatsApp(MetaWebhooks.text(GLOBEX_SECOND_NUMBER_ID, "447700905002", "Rita", toRecording,
				"for the other desk")).statusCode()).isEqualTo(200);

		genesys.awaitMessages(toGenesys, m -> m.size() == 1, PATIENCE);
		RecordingDestination.Received received = await(() -> recording.received().stream()
			.filter(r -> r.message().channelMessageId().equals(toRecording)).findFirst().orElse(null));
		assertThat(received.message().content()).isEqualTo(new CustomerMessage.Content.Text(
				"for the other desk"));
		assertThat(received.message().channelAttributes()).containsEntry("waPhoneNumberId", GLOBEX_SECOND_NUMBER_ID);
		assertThat(received.conversation().channelAccount()).isEqualTo(GLOBEX_SECOND_NUMBER_ID);
		GenesysSimulatorClient.sleep(Duration.ofMillis(500));
		assertThat(genesys.messagesWithId(toRecording)).isEmpty();
		assertThat(recording.received()).noneMatch(r -> r.message().channelMessageId().equals(toGenesys));

		Conversation rita = conversations.find("globex", GLOBEX_SECOND_NUMBER_ID, "447700905002").orElseThrow();
		assertThat(rita.destination()).isEqualTo(RecordingDestination.NAME);
		assertThat(rita.destinationConversationId()).isEqualTo("rec-conversation-" + rita.id());
		Conversation gene = conversations.find("globex", GLOBEX_PHONE_NUMBER_ID, "447700905001").orElseThrow();
		assertThat(gene.destination()).isEqualTo("genesys");

		MessageLedger.Recorded reply = replies.send(rita.id(), "reply-" + UUID.randomUUID(), "reply to Rita",
				new BusinessMessage(new BusinessMessage.Content.Text("Hello Rita, from the other desk"), null));
		JsonNode toRita = await(() -> meta.sentTo("447700905002").stream().findFirst().orElse(null),
				() -> "the reply's ledger entry: " + ledger.find("globex", reply.entry().id()));
		assertThat(toRita.get("phoneNumberId").asString()).isEqualTo(GLOBEX_SECOND_NUMBER_ID);
		assertThat(toRita.at("/body/text/body").asString()).isEqualTo("Hello Rita, from the other desk");
		await(() -> recording.statuses().stream()
			.filter(s -> s.change().ledgerEntryId() == reply.entry().id()
					&& s.change().status() == MessageStatus.DELIVERED)
			.findFirst().orElse(null));
		assertThat(recording.statuses())
			.allMatch(s -> s.conversation() != null && s.conversation().id().equals(rita.id()));

		String agentReply = GenesysWebhookPayloads.newId();
		assertThat(postGenesys(GenesysWebhookPayloads.text(GLOBEX_INTEGRATION, agentReply, "447700905001", "Phone",
				"Hello Gene, from Genesys")).statusCode()).isEqualTo(200);
		JsonNode toGene = meta.awaitSent(agentReply, s -> s.size() == 1, PATIENCE).getFirst();
		assertThat(toGene.get("phoneNumberId").asString()).isEqualTo(GLOBEX_PHONE_NUMBER_ID);
		List<JsonNode> receipts = awaitReceipt(agentReply);
		assertThat(receipts).extracting(r -> r.at("/body/status").asString()).contains("Delivered");
		assertThat(recording.statuses())
			.noneMatch(s -> s.conversation() != null && s.conversation().id().equals(gene.id()));
		assertThat(genesys.received("receipt", "")).noneMatch(r -> r.toString().contains("447700905002"));
	}

	@Test
	void aHandOffChangesOneConversationsDestinationOnly() throws Exception {
		String first = MetaWebhooks.newWamid();
		postWhatsApp(MetaWebhooks.text(GLOBEX_PHONE_NUMBER_ID, "447700905011", "Hana", first, "hello"));
		genesys.awaitMessages(first, m -> m.size() == 1, PATIENCE);
		String other = MetaWebhooks.newWamid();
		postWhatsApp(MetaWebhooks.text(GLOBEX_PHONE_NUMBER_ID, "447700905012", "Ivo", other, "hello"));
		genesys.awaitMessages(other, m -> m.size() == 1, PATIENCE);
		Conversation hana = conversations.find("globex", GLOBEX_PHONE_NUMBER_ID, "447700905011").orElseThrow();

		assertThat(conversations.reassign(hana.id(), RecordingDestination.NAME)).isTrue();
		String again = MetaWebhooks.newWamid();
		postWhatsApp(MetaWebhooks.text(GLOBEX_PHONE_NUMBER_ID, "447700905011", "Hana", again, "still there?"));
		String ivoAgain = MetaWebhooks.newWamid();
		postWhatsApp(MetaWebhooks.text(GLOBEX_PHONE_NUMBER_ID, "447700905012", "Ivo", ivoAgain, "still there?"));

		await(() -> recording.received().stream().filter(r -> r.message().channelMessageId().equals(again))
			.findFirst().orElse(null));
		genesys.awaitMessages(ivoAgain, m -> m.size() == 1, PATIENCE);
		assertThat(genesys.messagesWithId(again)).isEmpty();
	}

	private List<JsonNode> awaitReceipt(String genesysId) {
		return await(() -> {
			List<JsonNode> found = genesys.received("receipt", "").stream()
				.filter(r -> genesysId.equals(r.at("/body/id").asString())).toList();
			return found.isEmpty() ? null : found;
		});
	}

	private static <T> T await(Supplier<T> probe) {
		return await(probe, () -> "");
	}

	private static <T> T await(Supplier<T> probe, Supplier<String> state) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		T found = probe.get();
		while (found == null) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not reached within " + PATIENCE + " " + state.get());
			}
			GenesysSimulatorClient.sleep(Duration.ofMillis(50));
			found = probe.get();
		}
		return found;
	}

	private HttpResponse<String> postWhatsApp(byte[] body) throws Exception {
		return http.send(MetaWebhooks.signed(URI.create("http://localhost:" + PORT + "/webhook/whatsapp"), body,
				GLOBEX_APP_SECRET), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postGenesys(byte[] body) throws Exception {
		return http.send(GenesysWebhookPayloads.signed(URI.create("http://localhost:" + PORT
				+ "/webhook/genesys/outbound"), body, GLOBEX_WEBHOOK_SECRET), HttpResponse.BodyHandlers.ofString());
	}
}
