package io.switchboard.genesys.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.GenesysWebhookPayloads;
import io.switchboard.genesys.MalformedGenesysWebhook;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class IntegrationsTests {

	@Test
	void readsTheIntegrationOfTheChannel() {
		byte[] body = GenesysWebhookPayloads.text("a0a0a0a0-1111-4222-8333-444455556666",
				GenesysWebhookPayloads.newId(), "447700900001", "Phone", "hello");

		assertThat(Integrations.named(body)).containsExactly("a0a0a0a0-1111-4222-8333-444455556666");
	}

	@Test
	void keepsBothValuesOfAChannelGivenTwiceAndNothingElse() {
		byte[] body = """
				{"id":"x","channel":{"id":"one","to":{"id":"nested"}},"text":"channel id","channel":{"id":"two"}}"""
				.getBytes(StandardCharsets.UTF_8);

		assertThat(Integrations.named(body)).containsExactly("one", "two");
	}

	@Test
	void namesNoneWithoutAChannelAndRefusesWhatIsNotJson() {
		assertThat(Integrations.named("{\"channel\":\"x\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThatThrownBy(() -> Integrations.named("{\"channel\":{".getBytes(StandardCharsets.UTF_8)))
				.isInstanceOf(MalformedGenesysWebhook.class);
	}
}
