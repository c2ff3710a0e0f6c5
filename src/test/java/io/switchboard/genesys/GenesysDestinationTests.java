package io.switchboard.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchboard.conversation.ConversationDestination.StatusChange;
import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.Direction;
import io.switchboard.conversation.FailureReason;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.LedgerEntry.MessageStatus;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.conversation.OrderingKeys;
import io.switchboard.work.WorkChannels;
import io.switchboard.tenant.Tenant;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The Genesys destination owes the receipt a status of an agent's message calls for, once, and none for other
 * messages.
 */
class GenesysDestinationTests {

	private static final Tenant ACME = FakeGenesys.tenant("acme", URI.create("http://localhost:1"), "client", "secret");
	private static final String CUSTOMER = "447700900101";
	private static final String GENESYS_ID = "f20c37d97e382ca41fda843555907b74";
	private static final Instant AT = Instant.parse("2026-05-04T09:20:08Z");

	private final MessageLedger ledger = mock(MessageLedger.class);
	private final WorkChannels work = mock(WorkChannels.class);
	private final GenesysDestination destination = new GenesysDestination(mock(GenesysClient.class), ledger,
			new GenesysReceipts(ledger, work));

	@Test
	void owesAFailedReceiptWithTheNeutralReasonForAnAgentsMessage() {
		known(entry(Direction.OUTBOUND, GENESYS_ID, "Delivered"));

		destination.statusChanged(ACME, null, new StatusChange(7, MessageStatus.FAILED,
				FailureReason.SERVICE_WINDOW_CLOSED, "WhatsApp error 131047: Re-engagement message", AT));

		verify(ledger).markReceiptOwed(7, "Failed");
		ArgumentCaptor<Object> due = ArgumentCaptor.forClass(Object.class);
		verify(work).publish(eq(WorkChannels.GENESYS_RECEIPTS), eq(OrderingKeys.of("acme", CustomerId.of(CUSTOMER))),
				due.capture());
		assertThat(due.getValue()).isEqualTo(new GenesysReceiptDue("acme", 7,
				OpenInboundReceipt.failed(GENESYS_ID, GenesysReceipts.recipient(CUSTOMER), AT,
						new OpenInboundReceipt.Reason("MessageExpired", "WhatsApp error 131047: Re-engagement message"))));
	}

	@Test
	void owesDeliveredOnceForADeliveredThenReadMessage() {
		known(entry(Direction.OUTBOUND, GENESYS_ID, null));
		destination.statusChanged(ACME, null, new StatusChange(7, MessageStatus.DELIVERED, null, null, AT));
		verify(ledger).markReceiptOwed(7, "Delivered");

		known(entry(Direction.OUTBOUND, GENESYS_ID, "Delivered"));
		destination.statusChanged(ACME, null, new StatusChange(7, MessageStatus.READ, null, null, AT));

		verify(work).publish(anyString(), anyString(), any());
	}

	@Test
	void owesNothingForAMessageGenesysDidNotSend() {
		known(entry(Direction.OUTBOUND, null, null));

		destination.statusChanged(ACME, null, new StatusChange(7, MessageStatus.DELIVERED, null, null, AT));

		verify(ledger, never()).markReceiptOwed(anyLong(), anyString());
		verify(work, never()).publish(anyString(), anyString(), any());
	}

	@Test
	void owesNothingForACustomersMessage() {
		known(entry(Direction.INBOUND, GENESYS_ID, null));

		destination.statusChanged(ACME, null, new StatusChange(7, MessageStatus.DELIVERED, null, null, AT));

		verify(work, never()).publish(anyString(), anyString(), any());
	}

	@Test
	void owesNothingForAMessageTheLedgerDoesNotHave() {
		when(ledger.find("acme", 7)).thenReturn(Optional.empty());

		destination.statusChanged(ACME, null, new StatusChange(7, MessageStatus.FAILED, FailureReason.OTHER, null, AT));

		verify(work, never()).publish(anyString(), anyString(), any());
	}

	private void known(LedgerEntry entry) {
		when(ledger.find("acme", entry.id())).thenReturn(Optional.of(entry));
	}

	private static LedgerEntry entry(Direction direction, @Nullable String genesysMessageId,
			@Nullable String receipt) {
		return new LedgerEntry(7, "acme", direction, CUSTOMER, null, "wamid.1", genesysMessageId, "Text",
				MessageStatus.SENT, null, null, receipt, receipt == null ? null : LedgerEntry.ReceiptState.OWED, null, 0,
				AT, AT, null);
	}
}
