package io.switchboard.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversation.CustomerChannel.Capabilities;
import io.switchboard.conversation.SendPolicy.Refusal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SendPoliciesTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
	private static final Capabilities WHATSAPP = new Capabilities(Duration.ofHours(24));

	private final SendPolicies policies = SendPolicies.standard(Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void refusesACustomerWhoNeverWrote() {
		Optional<Refusal> refusal = policies.check("447700900101", Optional.empty(), WHATSAPP);

		assertThat(refusal).get().extracting(Refusal::reason).isEqualTo(FailureReason.UNKNOWN_RECIPIENT);
		assertThat(refusal.get().detail()).contains("447700900101").contains("never written");
	}

	@Test
	void allowsFreeFormMessagesUntilTheServiceWindowCloses() {
		assertThat(policies.check("447700900101", wrote(NOW.minus(Duration.ofHours(24))), WHATSAPP)).isEmpty();

		Optional<Refusal> late = policies.check("447700900101",
				wrote(NOW.minus(Duration.ofHours(24)).minusSeconds(1)), WHATSAPP);
		assertThat(late).get().extracting(Refusal::reason).isEqualTo(FailureReason.SERVICE_WINDOW_CLOSED);
		assertThat(late.get().detail()).contains("24-hour customer service window").contains("2026-12-06T11:59:59Z");
	}

	@Test
	void treatsACustomerWithoutAnInboundMessageAsOutsideTheWindow() {
		assertThat(policies.check("447700900101", wrote(null), WHATSAPP)).get().extracting(Refusal::reason)
			.isEqualTo(FailureReason.SERVICE_WINDOW_CLOSED);
	}

	@Test
	void letsChannelsWithoutAServiceWindowSendAnyTime() {
		assertThat(policies.check("447700900101", wrote(NOW.minus(Duration.ofDays(300))), new Capabilities(null)))
			.isEmpty();
	}

	@Test
	void stopsAtTheFirstRefusalInOrder() {
		SendPolicy never = attempt -> Optional.of(new Refusal(FailureReason.NOT_ALLOWED, "quiet hours"));
		SendPolicies chain = new SendPolicies(List.of(SendPolicies.knownCustomer(), never, SendPolicies.serviceWindow()),
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(chain.check("447700900101", Optional.empty(), WHATSAPP)).get().extracting(Refusal::reason)
			.isEqualTo(FailureReason.UNKNOWN_RECIPIENT);
		assertThat(chain.check("447700900101", wrote(NOW), WHATSAPP)).get().extracting(Refusal::detail)
			.isEqualTo("quiet hours");
	}

	private static Optional<Conversation> wrote(@Nullable Instant lastInbound) {
		return Optional.of(new Conversation(new ConversationId(UUID.randomUUID()), "acme", "100000000000001",
				CustomerId.phone("447700900101"), "genesys", null, "Ana", Conversation.State.OPEN,
				NOW.minus(Duration.ofDays(400)), NOW, lastInbound));
	}
}
