package io.switchboard.relay.outbound;

import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.conversation.OrderingKeys;
import io.switchboard.genesys.OpenInboundMessage.IdType;
import io.switchboard.genesys.OpenInboundReceipt;
import io.switchboard.work.WorkChannels;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owes Genesys a receipt: notes it on the ledger entry as {@code OWED} and queues it, in one transaction; the
 * {@link ReceiptRelay} notes whether it was given.
 */
@Component
class Receipts {

	private final MessageLedger ledger;
	private final WorkChannels work;

	Receipts(MessageLedger ledger, WorkChannels work) {
		this.ledger = ledger;
		this.work = work;
	}

	@Transactional
	void owe(LedgerEntry entry, OpenInboundReceipt receipt) {
		ledger.markReceiptOwed(entry.id(), receipt.status().name());
		work.publish(WorkChannels.GENESYS_RECEIPTS, OrderingKeys.of(entry.tenantId(), CustomerId.of(entry.customerId())),
				new GenesysReceiptDue(entry.tenantId(), entry.id(), receipt));
	}

	/**
	 * @return the customer as Genesys knows them, for {@code channel.to}.
	 */
	static OpenInboundReceipt.To recipient(String customerId) {
		return new OpenInboundReceipt.To(customerId,
				CustomerId.of(customerId).kind() == CustomerId.Kind.PHONE ? IdType.Phone : IdType.Opaque);
	}
}
