package io.switchboard.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.conversation.ConversationDestination.StatusChange;
import io.switchboard.conversation.FailureReason;
import io.switchboard.conversation.LedgerEntry.MessageStatus;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusMappingTests {

	private static final Instant AT = Instant.parse("2026-05-04T09:20:08Z");

	@ParameterizedTest
	@CsvSource({ "sent, SENT", "delivered, DELIVERED", "read, READ", "played, READ" })
	void mapsProgressToTheLedgersStatusWithoutAFailure(String whatsapp, MessageStatus neutral) {
		assertThat(StatusMapping.toStatusChange(status(whatsapp), 42))
			.contains(new StatusChange(42, neutral, null, null, AT));
	}

	@ParameterizedTest
	@ValueSource(strings = { "deleted", "warning", "" })
	void followsNoOtherStatus(String whatsapp) {
		assertThat(StatusMapping.toStatusChange(status(whatsapp), 42)).isEmpty();
	}

	@Test
	void mapsAFailureToTheReasonOfItsErrorAndWhatsAppsSentence() {
		WhatsAppStatus failed = status(WhatsAppStatus.FAILED,
				new WhatsAppError(131026, "Message undeliverable", "Message Undeliverable.", null, null));

		assertThat(StatusMapping.toStatusChange(failed, 42)).contains(new StatusChange(42, MessageStatus.FAILED,
				FailureReason.RECIPIENT_UNREACHABLE, "WhatsApp error 131026: Message Undeliverable.", AT));
	}

	@Test
	void namesEveryErrorOfAFailureAndTakesTheFirstsReason() {
		WhatsAppStatus failed = status(WhatsAppStatus.FAILED, new WhatsAppError(131047, null, "Re-engagement", null,
				null), new WhatsAppError(131026, null, null, "Undeliverable", null));

		StatusChange change = StatusMapping.toStatusChange(failed, 42).orElseThrow();

		assertThat(change.reason()).isEqualTo(FailureReason.SERVICE_WINDOW_CLOSED);
		assertThat(change.detail())
			.isEqualTo("WhatsApp error 131047: Re-engagement; WhatsApp error 131026: Undeliverable");
	}

	@Test
	void mapsAFailureWithoutErrorsToOther() {
		StatusChange change = StatusMapping.toStatusChange(status(WhatsAppStatus.FAILED), 42).orElseThrow();

		assertThat(change.reason()).isEqualTo(FailureReason.OTHER);
		assertThat(change.detail()).isEqualTo("WhatsApp reported the message as failed without an error");
	}

	@Test
	void keepsNoErrorsOfAStatusThatIsNoFailure() {
		WhatsAppStatus delivered = status(WhatsAppStatus.DELIVERED, new WhatsAppError(131026, null, "odd", null, null));

		assertThat(StatusMapping.toStatusChange(delivered, 42).orElseThrow())
			.extracting(StatusChange::reason, StatusChange::detail).containsOnlyNulls();
	}

	@Test
	void leavesTheTimeOutWhenTheStatusHasNone() {
		WhatsAppStatus untimed = new WhatsAppStatus("wamid.1", WhatsAppStatus.READ, Instant.EPOCH, "447700900101",
				null, null, null, List.of(), null, null);

		assertThat(StatusMapping.toStatusChange(untimed, 42).orElseThrow().at()).isNull();
	}

	@Test
	void describesErrorsByDetailsThenMessageThenTitle() {
		assertThat(StatusMapping.describe(new WhatsAppError(131026, "title", "message", "details", null)))
			.isEqualTo("WhatsApp error 131026: details");
		assertThat(StatusMapping.describe(new WhatsAppError(131026, "title", "message", " ", null)))
			.isEqualTo("WhatsApp error 131026: message");
		assertThat(StatusMapping.describe(new WhatsAppError(131026, "title", null, null, null)))
			.isEqualTo("WhatsApp error 131026: title");
		assertThat(StatusMapping.describe(new WhatsAppError(131026, null, null, null, null)))
			.isEqualTo("WhatsApp error 131026");
	}

	private static WhatsAppStatus status(String status, WhatsAppError... errors) {
		return new WhatsAppStatus("wamid.1", status, AT, "447700900101", null, null, "genesys-1", List.of(errors),
				null, null);
	}
}
