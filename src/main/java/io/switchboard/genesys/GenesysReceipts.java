package io.switchboard.genesys;

import io.switchboard.conversation.CustomerId;
import io.switchboard.conversation.LedgerEntry;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.conversation.OrderingKeys;
import io.switchboard.genesys.OpenInboundMessage.IdType;
import io.switchboard.work.WorkChannels;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owes Genesys a receipt for an agent's message: notes it on the ledger entry as
 * {@link LedgerEntry.ReceiptState#OWED OWED} and queues it on {@code genesys-receipts}, in one transaction, so that
 * it is given once and survives a crash; {@link ReceiptDelivery} gives it and notes whether it was given.
 */
@Component
public class GenesysReceipts {

	private final MessageLedger ledger;
	private final WorkChannels work;

	GenesysReceipts(MessageLedger ledger, WorkChannels work) {
		this.ledger = ledger;
		this.work = work;
	}

	/**
	 * Owes Genesys a receipt.
	 *
	 * @param entry the agent's message in the ledger.
	 * @param receipt what to tell Genesys.
	 */
	@Transactional
	public void owe(LedgerEntry entry, OpenInboundReceipt receipt) {
		ledger.markReceiptOwed(entry.id(), receipt.status().name());
		String orderingKey = OrderingKeys.of(entry.tenantId(), CustomerId.of(entry.customerId()));
		work.publish(WorkChannels.GENESYS_RECEIPTS, orderingKey, new GenesysReceiptDue(entry.tenantId(), entry.id(),
				receipt));
	}

	/**
	 * @param customerId the customer's id in the ledger.
	 * @return the customer as Genesys knows them, for {@code channel.to}.
	 */
	public static OpenInboundReceipt.To recipient(String customerId) {
		return new OpenInboundReceipt.To(customerId,
				CustomerId.of(customerId).kind() == CustomerId.Kind.PHONE ? IdType.Phone : IdType.Opaque);
	}
}
