package io.switchboard.genesys;

import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.conversation.LedgerEntry.ReceiptState;
import io.switchboard.conversation.MessageLedger;
import io.switchboard.work.AcceptanceRecorder;
import io.switchboard.work.RetryLater;
import io.switchboard.work.WorkChannels;
import io.switchboard.work.WorkHandler;
import io.switchboard.tenant.Tenants;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Gives Genesys the receipts it is owed ({@code genesys-receipts}) and notes in the ledger whether each was given,
 * refused for good, or not given because Genesys stayed unreachable for as long as Switchboard retries.
 */
@Component
class ReceiptDelivery implements WorkHandler<GenesysReceiptDue> {

	private static final Logger log = LoggerFactory.getLogger(ReceiptDelivery.class);

	private final Tenants tenants;
	private final GenesysClient genesys;
	private final MeterRegistry meters;
	private final MessageLedger ledger;
	private final AcceptanceRecorder recorder;

	ReceiptDelivery(Tenants tenants, GenesysClient genesys, MeterRegistry meters, MessageLedger ledger,
			AcceptanceRecorder recorder) {
		this.ledger = ledger;
		this.recorder = recorder;
		this.tenants = tenants;
		this.genesys = genesys;
		this.meters = meters;
	}

	@Override
	public String channel() {
		return WorkChannels.GENESYS_RECEIPTS;
	}

	@Override
	public Class<GenesysReceiptDue> type() {
		return GenesysReceiptDue.class;
	}

	@Override
	public void handle(GenesysReceiptDue due) {
		MDC.put("tenant", due.tenantId());
		MDC.put("genesysMessageId", due.receipt().id());
		var tenant = tenants.byId(due.tenantId());
		if (tenant.isEmpty()) {
			return;
		}
		String receipt = due.receipt().status().name();
		try {
			genesys.sendReceipt(tenant.get(), due.receipt());
			recorder.record("Genesys accepted a " + receipt + " receipt",
					() -> ledger.markReceipt(due.ledgerEntryId(), receipt, ReceiptState.GIVEN, null));
			meters.counter("switchboard.relay.receipts", "status", receipt).increment();
			log.info("Gave Genesys a {} receipt", due.receipt().status());
		}
		catch (GenesysRejected rejected) {
			recorder.record("Genesys refused a " + receipt + " receipt", () -> ledger.markReceipt(due.ledgerEntryId(),
					receipt, ReceiptState.REFUSED, "Genesys refused the receipt: " + rejected.reason()));
			meters.counter("switchboard.relay.receipts", "status", "rejected").increment();
			log.warn("Genesys refused the {} receipt: {} (contextId {})", due.receipt().status(), rejected.reason(),
					rejected.contextId());
		}
		catch (GenesysUnavailable unavailable) {
			throw new RetryLater("Genesys unavailable: " + unavailable.getMessage(),
					unavailable.retryAfter());
		}
	}

	@Override
	public void exhausted(GenesysReceiptDue due, String reason) {
		ledger.markReceipt(due.ledgerEntryId(), due.receipt().status().name(), ReceiptState.NOT_GIVEN,
				"Gave up after repeated attempts: " + reason);
		meters.counter("switchboard.relay.receipts", "status", "not-given").increment();
	}

	/**
	 * A replayed receipt is owed again (unless a later receipt for the message is owed since), and given as any.
	 */
	@Override
	public void replayed(GenesysReceiptDue due) {
		ledger.markReceipt(due.ledgerEntryId(), due.receipt().status().name(), ReceiptState.OWED, null);
	}
}
